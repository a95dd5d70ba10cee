/**
 * Entra ID rolls its signing keys over: a token signed with a newly published key must be accepted
 * without a restart, and tokens with made-up key ids must not make Rounds hammer the key endpoint.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createSsoAuthenticator } from '../../bot/src/http/auth/sso-authenticator';
import { SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';

let entra: FakeEntra;

beforeEach(async () => {
  entra = await startFakeEntra();
});

afterEach(async () => {
  jest.restoreAllMocks();
  await entra.close();
});

const authenticator = () => createSsoAuthenticator({ appId: SSO_APP_ID, publicHost: 'localhost:3978', tenantId: SSO_TENANT_ID, jwksUrl: entra.jwksUrl });
const bearer = (token: string) => `Bearer ${token}`;

it('accepts a token signed with a key Entra published after the first sign-in', async () => {
  const sso = authenticator();
  await sso.authenticate(bearer(entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID))));

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  entra.publish(privateKey, 'rolled-key');
  // The key set is refetched for an unknown key once the one-minute cooldown has passed.
  const later = Date.now() + 61_000;
  jest.spyOn(Date, 'now').mockReturnValue(later);
  const identity = await sso.authenticate(bearer(entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID), { key: privateKey, kid: 'rolled-key' })));

  expect(identity.userId).toBe('bbbbbbbb-0000-0000-0000-000000000002');
});

it('fetches the key set once for many sign-ins with the same key', async () => {
  const sso = authenticator();
  for (let i = 0; i < 5; i += 1) await sso.authenticate(bearer(entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID))));

  expect(entra.jwksRequests).toBe(1);
});

it('refuses tokens with unknown key ids as a sign-in problem and refetches the key set at most once for them', async () => {
  const sso = authenticator();
  await sso.authenticate(bearer(entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID))));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  for (let i = 0; i < 5; i += 1) {
    await expect(sso.authenticate(bearer(entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID), { key: privateKey, kid: `forged-${i}` })))).rejects.toMatchObject({
      code: 'unauthenticated',
      userMessage: expect.stringMatching(/Reload the tab/),
    });
  }

  expect(entra.jwksRequests).toBeLessThanOrEqual(2);
});

it('says the sign-in could not be checked when the key endpoint is down, without accepting the token', async () => {
  const sso = authenticator();
  const token = entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID));
  await entra.close();

  await expect(sso.authenticate(bearer(token))).rejects.toMatchObject({ code: 'unauthenticated' });
});
