/**
 * npm run fhir-key:rotate [-- <hours>] — generates Rounds' next signing key for SMART client
 * assertions. It is listed at /.well-known/jwks.json at once and signs only after <hours> (default 24),
 * so every EHR has refetched the key set first; the current key stays listed until its last assertion
 * expired. Run it with the service's DATABASE_URL / DATA_DIR and SECRETS_KEY. Not for FHIR_PRIVATE_KEY:
 * that key is rotated by the operator.
 */
import { loadConfig } from '../bot/src/config';
import { storedKeyring } from '../bot/src/secrets/fhir-signing-keys';
import { createSecretBox } from '../bot/src/secrets/secret-box';
import { loadSecretsKey } from '../bot/src/secrets/secrets-key';
import { openDatabase } from '../bot/src/storage/open-database';
import { SqlSigningKeyStore } from '../bot/src/storage/sql-signing-key-store';

async function main(): Promise<void> {
  const hours = Number(process.argv[2] ?? '24');
  if (!Number.isFinite(hours) || hours < 1) throw new Error('the lead time must be at least 1 hour (the JWKS is cacheable)');
  const config = loadConfig(process.env);
  if (config.fhirPrivateKey) throw new Error('FHIR_PRIVATE_KEY is set: Rounds signs with that key; rotate it where it is kept');
  const db = await openDatabase(config.database, (error) => console.error(error));
  try {
    const { key } = await loadSecretsKey(config.secretsKey, config.dataDir);
    const keyring = storedKeyring({ store: new SqlSigningKeyStore(db), sealer: createSecretBox(key), now: Date.now });
    await keyring.rotate(hours * 3_600_000);
    console.log(`fhir-key:rotate listed=${(await keyring.jwks()).keys.map((jwk) => jwk.kid).join(',')} activates_in_hours=${hours}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
