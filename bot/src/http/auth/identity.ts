/** Who is calling the tab API, from a validated Teams SSO token (or the fixed dev identity). */
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

/** Resolves the caller of a request or throws AppError('unauthenticated'). */
export interface Authenticator {
  readonly devMode: boolean;
  authenticate(authorizationHeader: string | undefined): Promise<Identity>;
}
