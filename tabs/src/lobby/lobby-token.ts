/**
 * The link token from the page's address: `/lobby/<token>` as the service serves the page, or
 * `?token=` on the built file itself (`/tabs/lobby.html?token=...`, for local development).
 */
export function tokenFromLocation(location: Pick<Location, 'pathname' | 'search'>): string | null {
  const match = /^\/lobby\/([^/]+)\/?$/.exec(location.pathname);
  const raw = match?.[1] ?? new URLSearchParams(location.search).get('token');
  if (!raw) return null;
  let token: string;
  try {
    token = decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
  // Tokens are base64url; anything else (spaces, slashes, markup) cannot be a link we sent, so no request is made for it.
  return /^[A-Za-z0-9._~-]{8,300}$/.test(token) ? token : null;
}
