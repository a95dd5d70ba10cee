import { FHIR_ACCEPT } from './discovery';
import { readJson } from './fhir-errors';
import { FhirFailure, fhirError } from './fhir-failure';
import { type FhirHttp, type HttpRequest } from './fhir-http';
import { type TokenClient } from './token-client';

/** Authenticated FHIR requests: bearer token, one retry on 401, JSON or an AppError back. */
export interface FhirClient {
  /** GET `path` relative to the base, or an absolute URL on the base's origin (a `next` link). */
  get(pathOrUrl: string): Promise<unknown>;
  /** POST to `path` relative to the base ('' is the base itself, where batches go). */
  post(path: string, body: string, contentType: string): Promise<unknown>;
}

export function createFhirClient(baseUrl: string, tokens: TokenClient, http: FhirHttp): FhirClient {
  const origin = new URL(baseUrl).origin;

  const resolve = (pathOrUrl: string): string => {
    if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
    return pathOrUrl === '' ? baseUrl : `${baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
  };

  async function send(request: Omit<HttpRequest, 'headers'> & { headers: Record<string, string> }): Promise<unknown> {
    // SMART: a backend service "SHOULD NOT blindly follow such references and send along its access_token".
    // A link to another origin is not followed at all: even its query would hand patient ids to that host.
    if (new URL(request.url).origin !== origin) {
      throw fhirError(
        'unavailable',
        'The EHR pointed Rounds to another server; Rounds does not follow it with its access token.',
        new FhirFailure('foreign_link'),
      );
    }
    const attempt = async (token: string) =>
      http.send({ ...request, headers: { ...request.headers, accept: FHIR_ACCEPT, authorization: `Bearer ${token}` }, followRedirects: false });
    const token = await tokens.token();
    let response = await attempt(token);
    if (response.status === 401) {
      // The EHR may revoke or rotate tokens before they expire: fetch a new one, retry once, no more.
      tokens.invalidate(token);
      response = await attempt(await tokens.token());
    }
    return readJson(response);
  }

  return {
    get: (pathOrUrl) => send({ method: 'GET', url: resolve(pathOrUrl), headers: {} }),
    post: (path, body, contentType) => send({ method: 'POST', url: resolve(path), headers: { 'content-type': contentType }, body }),
  };
}
