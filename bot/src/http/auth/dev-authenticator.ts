import type { Authenticator, Identity } from './identity';

export const DEV_IDENTITY: Identity = { userId: 'dev-user', tenantId: 'dev-tenant', name: 'Dev Clinician' };

/** Dev mode only (no BOT_ID, loopback-bound): everyone is the same local clinician. */
export const devAuthenticator: Authenticator = {
  devMode: true,
  authenticate: async () => DEV_IDENTITY,
};
