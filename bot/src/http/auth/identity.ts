/** Who is calling the tab API, from a validated Teams SSO token (or the fixed dev identity). */
export interface Identity {
  /** Entra object id. */
  userId: string;
  tenantId: string;
  name: string;
}

/** Resolves the caller of a request or throws AppError('unauthenticated'). */
export interface Authenticator {
  readonly devMode: boolean;
  authenticate(authorizationHeader: string | undefined): Promise<Identity>;
}
