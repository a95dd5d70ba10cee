/**
 * A local stand-in for Entra ID's signing keys: serves a JWKS document and signs tokens shaped like
 * the access tokens Teams SSO (`authentication.getAuthToken()`) hands to a tab.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

export interface FakeEntra {
  jwksUrl: string;
  jwksRequests: number;
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string; expiresIn?: number }): string;
  /** Entra's key rollover: the new key is listed beside the current one. */
  publish(key: KeyObject, kid: string): void;
  close(): Promise<void>;
}

export async function startFakeEntra(): Promise<FakeEntra> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key-1';
  const state = { jwksRequests: 0 };
  const listed = [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }];
  const server = http.createServer((req, res) => {
    state.jwksRequests += 1;
    if (req.url !== '/keys') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: listed }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    get jwksRequests() {
      return state.jwksRequests;
    },
    sign: (claims, options = {}) =>
      jwt.sign(claims, options.key ?? privateKey, { algorithm: 'RS256', keyid: options.kid ?? kid, expiresIn: options.expiresIn ?? 3600 }),
    publish: (key, newKid) => {
      listed.push({ ...createPublicKey(key).export({ format: 'jwk' }), kid: newKid, use: 'sig', alg: 'RS256' });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const ssoClaims = (appId: string, tenantId: string, overrides: Record<string, unknown> = {}) => ({
  aud: `api://localhost:3978/${appId}`,
  iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
  tid: tenantId,
  oid: 'bbbbbbbb-0000-0000-0000-000000000002',
  name: 'Dr Lee',
  scp: 'access_as_user',
  ...overrides,
});

/** The Entra app and tenant of a signed-in test deployment. */
export const SSO_APP_ID = '0d2c1e3f-4a5b-4c6d-8e7f-901234567890';
export const SSO_TENANT_ID = '6e5d4c3b-2a19-4807-9f6e-5d4c3b2a1908';

/** The settings of a deployment with Bot Framework and Teams SSO checks on, trusting this stand-in's keys. */
export function signedInDeployment(entra: Pick<FakeEntra, 'jwksUrl'>): Record<string, string> {
  return {
    BOT_ID: SSO_APP_ID,
    BOT_PASSWORD: 'not-a-real-secret',
    BOT_TENANT_ID: SSO_TENANT_ID,
    PUBLIC_URL: 'http://localhost:3978',
    SSO_JWKS_URL: entra.jwksUrl,
  };
}
