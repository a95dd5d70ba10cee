/** Who is calling the tab API, from a validated Teams SSO token (or the fixed dev identity). */
import { AppError } from '../../domain/shared/app-error';
import type { Actor } from '../../domain/shared/actor';

export interface Identity {
  /** Entra object id. */
  userId: string;
  tenantId: string;
  name: string;
  /** Entra app roles assigned to the user for Rounds (the token's `roles` claim), e.g. `Rounds.Admin`. */
  roles?: readonly string[];
}

/** The Entra app role that makes a user a Rounds administrator (message templates). */
export const ADMIN_ROLE = 'Rounds.Admin';

export const isAdmin = (identity: Identity): boolean => identity.roles?.includes(ADMIN_ROLE) ?? false;

/** The caller as an actor, if a Rounds administrator; else 403 saying what they cannot do and whom to ask. */
export function adminActor(identity: Identity, what: string): Actor {
  if (!isAdmin(identity)) throw new AppError('forbidden', `Only Rounds administrators can change ${what}. Ask your IT admin to assign you the ${ADMIN_ROLE} role.`);
  return { userId: identity.userId, tenantId: identity.tenantId, name: identity.name };
}

/** Resolves the caller of a request or throws AppError('unauthenticated'). */
export interface Authenticator {
  readonly devMode: boolean;
  authenticate(authorizationHeader: string | undefined): Promise<Identity>;
}
