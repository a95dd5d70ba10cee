import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../../domain/shared/app-error';
import type { Authenticator, Identity } from './identity';

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
const invalidSignIn = (cause?: unknown) => unauthenticated('Your sign-in is not valid. Reload the tab to sign in again.', cause);

/**
 * Validates Teams SSO tokens (Entra ID access tokens obtained by teams-js getAuthToken) with jose.
 * Its remote key set caches Entra's keys and refetches on an unknown `kid` (keys roll over), at most
 * once a minute so forged tokens cannot make us hammer the endpoint.
 */
export function createSsoAuthenticator(options: SsoOptions): Authenticator {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 60_000, cacheMaxAge: 6 * 60 * 60 * 1000, timeoutDuration: 10_000 });
  const audiences = [options.appId, `api://${options.publicHost}/${options.appId}`];

  const verify = async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, keys, { algorithms: ['RS256'], audience: audiences, clockTolerance: 60 });
      return payload;
    } catch (error) {
      throw invalidSignIn(error);
    }
  };

  return {
    devMode: false,
    async authenticate(header): Promise<Identity> {
      const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
      if (!token) throw unauthenticated('Sign-in required: open Rounds from Microsoft Teams.');
      const claims = await verify(token);
      const tenantId = typeof claims.tid === 'string' ? claims.tid : '';
      const userId = typeof claims.oid === 'string' ? claims.oid : '';
      if (!tenantId || !userId || !ISSUER.test(claims.iss ?? '') || !(claims.iss ?? '').includes(tenantId)) throw invalidSignIn();
      if (options.tenantId && tenantId !== options.tenantId) throw new AppError('forbidden', 'Rounds is not available to your organisation.');
      const name = typeof claims.name === 'string' ? claims.name : typeof claims.preferred_username === 'string' ? claims.preferred_username : 'Unknown user';
      const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
      return { userId, tenantId, name, roles };
    },
  };
}
