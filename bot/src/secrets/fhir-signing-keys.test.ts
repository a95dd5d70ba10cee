/**
 * The stored keyring over the signing-key twin (its contract holds SqlSigningKeyStore to the same):
 * instances sharing one store agree on one key, keep it sealed, and rotate with an overlap.
 */
import { randomBytes } from 'node:crypto';
import { MemorySigningKeyStore } from '../storage/memory/memory-signing-key-store';
import { storedKeyring } from './fhir-signing-keys';
import { createSecretBox } from './secret-box';

const HOUR = 3_600_000;
const sealer = createSecretBox(randomBytes(32));
let store: MemorySigningKeyStore;
// Each keyring is an instance of the service with its own cache; the store is their shared database.
const keyring = (now: () => number) => storedKeyring({ store, sealer, now });

beforeEach(() => {
  store = new MemorySigningKeyStore();
});

describe('FHIR signing keys in a store shared by instances', () => {
  it('end with one key when two instances start at once, and both sign with it', async () => {
    const now = () => Date.UTC(2026, 11, 7);
    const [a, b] = [keyring(now), keyring(now)];
    const [keyA, keyB] = await Promise.all([a.signingKey(), b.signingKey()]);
    expect(keyA.kid).toBe(keyB.kid);
    expect((await a.jwks()).keys.map((key) => key.kid)).toEqual([keyA.kid]);
    expect(await store.list()).toHaveLength(1);
  });

  it('keep the private key sealed at rest', async () => {
    await keyring(Date.now).signingKey();
    const [record] = await store.list();
    expect(record!.sealedPrivateKey).toMatch(/^v1\./);
    expect(record!.sealedPrivateKey).not.toContain('PRIVATE KEY');
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(record!.publicJwk).not.toHaveProperty(member);
  });

  it('rotate an empty store into a first key that signs now and the next one listed', async () => {
    const clock = Date.UTC(2026, 11, 7);
    const keys = keyring(() => clock);
    await keys.rotate(HOUR);
    expect((await keys.jwks()).keys).toHaveLength(2);
    expect((await keys.signingKey()).kid).toBe((await store.list()).find((record) => record.generation === 1)?.kid);
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
