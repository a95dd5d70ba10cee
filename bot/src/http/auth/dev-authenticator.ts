import type { DevUser } from '../../dev-user';
import type { Authenticator, Identity } from './identity';

export const devIdentity = (user: DevUser): Identity => ({ userId: user.id, tenantId: user.tenantId, name: user.name });

/** Dev mode only (no BOT_ID, loopback-bound): everyone is the same local clinician. */
export function devAuthenticator(user: DevUser): Authenticator {
  const identity = devIdentity(user);
  return { devMode: true, authenticate: async () => identity };
}
