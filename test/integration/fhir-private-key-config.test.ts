/**
 * FHIR_PRIVATE_KEY: Rounds publishes that key (and no generated one) and signs with it, here an EC P-384
 * key (ES384) against the local sandbox, which reads Rounds' JWKS URL.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { RoundsService } from '../../bot/src/rounds-service';
import { startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

let service: RoundsService;
const configured = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  return { pem: privateKey.export({ type: 'sec1', format: 'pem' }) as string, jwk: publicKey.export({ format: 'jwk' }) };
})();

beforeAll(async () => {
  // One line with literal \n, as a secret store often hands it over.
  service = await startRoundsForTest({ FHIR_PRIVATE_KEY: configured.pem.replace(/\n/g, '\\n') });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
});

it('publishes the configured key only, as ES384, and generates none', async () => {
  const { keys } = (await (await fetch(`${service.url}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
  expect(keys).toEqual([{ kid: expect.any(String), kty: 'EC', alg: 'ES384', use: 'sig', crv: 'P-384', x: configured.jwk.x, y: configured.jwk.y }]);
  expect(await service.db.query('SELECT generation FROM fhir_signing_keys')).toEqual([]);
});

it('signs the organisation connection’s assertions with it', async () => {
  const result = await (await api(service, 'POST', '/api/patients/config/test', { teamId: 't', channelId: 'c', connection: null })).json();
  expect(result).toMatchObject({ ok: true, message: expect.stringContaining('private_key_jwt') });
});
