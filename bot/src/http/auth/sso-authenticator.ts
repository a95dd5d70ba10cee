import type { KeyObject } from 'node:crypto';
import jwt, { type JwtHeader, type JwtPayload } from 'jsonwebtoken';
import { AppError } from '../../domain/app-error';
import type { Authenticator, Identity } from './identity';
import { createJwksKeys } from './jwks-keys';

export interface SsoOptions {
  appId: string;
  /** The host the tab is served from: Teams SSO tokens carry `api://<host>/<appId>` as audience (v1). */
  publicHost: string;
  /** Single-tenant deployments accept tokens of this tenant only. */
  tenantId: string | undefined;
  jwksUrl: string;
}

const ISSUER = /^https:\/\/(login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0|sts\.windows\.net\/[0-9a-f-]{36}\/)$/;

const unauthenticated = (why: string, cause?: unknown) => new AppError('unauthenticated', why, { cause });

/** Validates Teams SSO tokens (Entra ID access tokens obtained by teams-js getAuthToken). */
export function createSsoAuthenticator(options: SsoOptions): Authenticator {
  const keys = createJwksKeys(options.jwksUrl);
  const audiences: [string, ...string[]] = [options.appId, `api://${options.publicHost}/${options.appId}`];

  const signingKey = (header: JwtHeader, callback: (error: Error | null, key?: KeyObject) => void): void => {
    keys.get(header.kid).then(
      (key) => callback(null, key),
      (error: unknown) => callback(error instanceof Error ? error : new Error('signing key lookup failed')),
    );
  };

  const verify = (token: string): Promise<JwtPayload> =>
    new Promise((resolve, reject) => {
      jwt.verify(token, signingKey, { algorithms: ['RS256'], audience: audiences, clockTolerance: 60 }, (error, payload) => {
        if (error || !payload || typeof payload === 'string') reject(unauthenticated('Your sign-in is not valid. Reload the tab to sign in again.', error));
        else resolve(payload);
      });
    });

  return {
    devMode: false,
    async authenticate(header): Promise<Identity> {
      const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
      if (!token) throw unauthenticated('Sign-in required: open Rounds from Microsoft Teams.');
      const claims = await verify(token);
      const tenantId = typeof claims.tid === 'string' ? claims.tid : '';
      const userId = typeof claims.oid === 'string' ? claims.oid : '';
      if (!tenantId || !userId || !ISSUER.test(claims.iss ?? '') || !(claims.iss ?? '').includes(tenantId)) {
        throw unauthenticated('Your sign-in is not valid. Reload the tab to sign in again.');
      }
      if (options.tenantId && tenantId !== options.tenantId) throw new AppError('forbidden', 'Rounds is not available to your organisation.');
      const name = typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : 'Unknown user';
      return { userId, tenantId, name };
    },
  };
}
