import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { configuredKeyring } from '../secrets/fhir-signing-keys';
import { signClientAssertion } from './client-assertion';

const TOKEN_URL = 'https://ehr.example.org/oauth2/token';
const NOW = Date.UTC(2026, 11, 7, 3, 0, 0);

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;

describe.each([
  ['RS384', 'RSA', rsaPem],
  ['ES384', 'EC', ecPem],
])('a client assertion signed with an %s key', (alg, kty, pem) => {
  async function assertion(now = NOW) {
    const keyring = await configuredKeyring(pem);
    const jwt = await signClientAssertion({ clientId: 'rounds-client', tokenEndpoint: TOKEN_URL, key: await keyring.signingKey(), now });
    return { jwt, jwks: await keyring.jwks() };
  }

  it('carries alg, the kid of the published key, and typ JWT in its header', async () => {
    const { jwt, jwks } = await assertion();
    const header = decodeProtectedHeader(jwt);
    expect(header).toEqual({ alg, kid: jwks.keys[0]!.kid, typ: 'JWT' });
    expect(jwks.keys[0]).toMatchObject({ kty, alg, use: 'sig' });
  });

  it('verifies against the published key set with iss = sub = client id and aud = the token endpoint as a string', async () => {
    const { jwt, jwks } = await assertion();
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      issuer: 'rounds-client',
      subject: 'rounds-client',
      audience: TOKEN_URL,
      algorithms: [alg],
      currentDate: new Date(NOW),
    });
    expect(payload.aud).toBe(TOKEN_URL);
  });

  it('expires no more than five minutes after it was issued', async () => {
    const payload = decodeJwt((await assertion()).jwt);
    expect(payload.iat).toBe(NOW / 1000);
    expect(payload.exp! - NOW / 1000).toBeGreaterThan(0);
    expect(payload.exp! - NOW / 1000).toBeLessThanOrEqual(300);
  });

  it('has a new jti every time', async () => {
    const keyring = await configuredKeyring(pem);
    const key = await keyring.signingKey();
    const jtis = await Promise.all(
      [1, 2, 3].map(async () => decodeJwt(await signClientAssertion({ clientId: 'rounds-client', tokenEndpoint: TOKEN_URL, key, now: NOW })).jti),
    );
    expect(new Set(jtis).size).toBe(3);
    expect(jtis.every((jti) => typeof jti === 'string' && jti.length >= 16)).toBe(true);
  });
});

describe('FHIR_PRIVATE_KEY', () => {
  it('publishes no private member of an RSA or EC key', async () => {
    for (const pem of [rsaPem, ecPem]) {
      const [key] = (await (await configuredKeyring(pem)).jwks()).keys;
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(member);
    }
  });

  it('refuses keys SMART does not allow: short RSA, other curves', async () => {
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expect(configuredKeyring(short)).rejects.toThrow('2048');
    await expect(configuredKeyring(p256)).rejects.toThrow('P-384');
  });
});
