import type { DevUser } from '../../dev-user';
import { ADMIN_ROLE, type Authenticator, type Identity } from './identity';

export const devIdentity = (user: DevUser): Identity => ({ userId: user.id, tenantId: user.tenantId, name: user.name });

/** Dev mode only (no BOT_ID, loopback-bound): everyone is the same local clinician, who may also administer Rounds. */
export function devAuthenticator(user: DevUser): Authenticator {
  const identity: Identity = { ...devIdentity(user), roles: [ADMIN_ROLE] };
  return { devMode: true, authenticate: async () => identity };
}
