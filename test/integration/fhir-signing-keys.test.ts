import { randomBytes } from 'node:crypto';
import { storedKeyring } from '../../bot/src/secrets/fhir-signing-keys';
import { createSecretBox } from '../../bot/src/secrets/secret-box';
import type { Database } from '../../bot/src/storage/database';
import { SqlSigningKeyStore } from '../../bot/src/storage/sql-signing-key-store';
import { storageBackends } from '../support/storage-backends';

const HOUR = 3_600_000;

describe.each(storageBackends)('FHIR signing keys stored in the database ($name)', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  const sealer = createSecretBox(randomBytes(32));

  beforeEach(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterEach(() => dispose());

  const keyring = (now: () => number) => storedKeyring({ store: new SqlSigningKeyStore(db), sealer, now });

  it('end with one key when two instances start at once, and both sign with it', async () => {
    const now = () => Date.UTC(2026, 11, 7);
    const [a, b] = [keyring(now), keyring(now)];
    const [keyA, keyB] = await Promise.all([a.signingKey(), b.signingKey()]);
    expect(keyA.kid).toBe(keyB.kid);
    expect((await a.jwks()).keys.map((key) => key.kid)).toEqual([keyA.kid]);
    expect(await db.query('SELECT kid FROM fhir_signing_keys')).toHaveLength(1);
  });

  it('keep the private key sealed at rest', async () => {
    await keyring(Date.now).signingKey();
    const [row] = await db.query<{ private_key_sealed: string; public_jwk: Record<string, unknown> }>('SELECT private_key_sealed, public_jwk FROM fhir_signing_keys');
    expect(row!.private_key_sealed).toMatch(/^v1\./);
    expect(row!.private_key_sealed).not.toContain('PRIVATE KEY');
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(row!.public_jwk).not.toHaveProperty(member);
  });

  it('rotate an empty store into a first key that signs now and the next one listed', async () => {
    const clock = Date.UTC(2026, 11, 7);
    const keys = keyring(() => clock);
    await keys.rotate(HOUR);
    expect((await keys.jwks()).keys).toHaveLength(2);
    expect((await keys.signingKey()).kid).toBe((await db.query<{ kid: string }>('SELECT kid FROM fhir_signing_keys WHERE generation = 1'))[0]!.kid);
  });

  it('publish a rotated key before it signs, and list the old one until its last assertion expired', async () => {
    let clock = Date.UTC(2026, 11, 7);
    const now = () => clock;
    const keys = keyring(now);
    const old = await keys.signingKey();

    await keys.rotate(24 * HOUR);
    const listed = (await keys.jwks()).keys.map((key) => key.kid);
    expect(listed).toHaveLength(2);
    const fresh = listed.find((kid) => kid !== old.kid);
    expect((await keys.signingKey()).kid).toBe(old.kid);

    // Another instance (its own cache) sees the same during the overlap.
    expect((await keyring(now).jwks()).keys.map((key) => key.kid).sort()).toEqual([...listed].sort());

    clock += 24 * HOUR;
    const other = keyring(now);
    expect((await other.signingKey()).kid).toBe(fresh);
    expect((await other.jwks()).keys).toHaveLength(2);

    clock += 10 * 60_000;
    expect((await keyring(now).jwks()).keys.map((key) => key.kid)).toEqual([fresh]);
  });
});
