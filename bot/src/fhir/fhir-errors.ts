import { type AppError } from '../domain/shared/app-error';
import { FhirFailure, fhirError } from './fhir-failure';
import { type HttpResponse } from './fhir-http';
import { type Bundle, isResource, type OperationOutcome, type Resource } from './fhir-resources';

/**
 * Turns what the EHR answered into JSON or a user-safe AppError. Messages name the HTTP status and the
 * OperationOutcome issue code (both from fixed vocabularies) and never the diagnostics text, which
 * servers often fill with the rejected query: names, MRNs, birth dates.
 */

/** The parsed JSON body of a 2xx answer; throws for any other status or a non-JSON body. */
export function readJson(response: HttpResponse): unknown {
  const body = parseJson(response);
  const ok = response.status >= 200 && response.status <= 299;
  // A status that says it all (auth, throttling, server failure) wins over the shape of its body; any
  // other non-JSON answer is most likely a portal or proxy page behind a wrong base URL.
  if (body === undefined && (ok || !statusSaysItAll(response.status))) throw notJson(response.status);
  if (!ok) throw errorForStatus(response.status, asOutcome(body));
  return body;
}

/** A FHIR resource of the expected type; an OperationOutcome in its place becomes its error. */
function expectResource<T extends Resource>(body: unknown, resourceType: T['resourceType']): T {
  if (isResource(body) && body.resourceType === resourceType) return body as T;
  const outcome = asOutcome(body);
  if (outcome) throw errorForStatus(null, outcome);
  throw fhirError(
    'unavailable',
    `The EHR answered with something other than a FHIR ${resourceType}.`,
    new FhirFailure('not_fhir', { detail: isResource(body) ? body.resourceType.slice(0, 40) : null }),
  );
}

export function expectBundle(body: unknown): Bundle {
  return expectResource<Bundle>(body, 'Bundle');
}

/** The AppError for an HTTP status (null: a 2xx that carried an OperationOutcome) and optional outcome. */
export function errorForStatus(status: number | null, outcome: OperationOutcome | null): AppError {
  const code = issueCode(outcome);
  const failure = new FhirFailure('status', { status, detail: code });
  const suffix = code ? `, ${code}` : '';
  if (status === null) return fhirError('unavailable', `The EHR answered with an error (${code ?? 'no details'}).`, failure);
  if (status >= 300 && status < 400) {
    return fhirError('unavailable', `The EHR redirected Rounds elsewhere (HTTP ${status}); use the final FHIR base URL.`, failure);
  }
  switch (status) {
    case 401:
      return fhirError('unauthenticated', "The EHR refused Rounds' access token (HTTP 401).", failure);
    case 403:
      return fhirError('forbidden', "The EHR does not allow Rounds to read this (HTTP 403); check the scopes granted to Rounds' client.", failure);
    case 404:
    case 410:
      return fhirError('not_found', `The EHR did not find what Rounds asked for (HTTP ${status}${suffix}).`, failure);
    case 429:
      return fhirError('rate_limited', 'The EHR is busy and asked Rounds to slow down. Try again in a minute.', failure);
    default:
      break;
  }
  if (status >= 500) return fhirError('unavailable', `The EHR had a problem answering (HTTP ${status}${suffix}). Try again later.`, failure);
  if (code === 'too-costly') return fhirError('validation', 'The EHR says this search matches too many records; narrow it down.', failure);
  return fhirError('unavailable', `The EHR refused the request (HTTP ${status}${suffix}).`, failure);
}

function notJson(status: number): AppError {
  return fhirError(
    'unavailable',
    'The EHR answered with a web page instead of FHIR data; check the FHIR base URL (the EHR may also be down for maintenance).',
    new FhirFailure('not_json', { status }),
  );
}

const statusSaysItAll = (status: number): boolean => status === 401 || status === 403 || status === 429 || status >= 500;

/** JSON when the body is JSON, undefined when it is a web page, XML or garbage. */
function parseJson(response: HttpResponse): unknown {
  const type = response.headers.get('content-type') ?? '';
  if (/html|xml/i.test(type) || response.text.trim() === '') return undefined;
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    return undefined;
  }
}

export function asOutcome(body: unknown): OperationOutcome | null {
  return isResource(body) && body.resourceType === 'OperationOutcome' ? (body as OperationOutcome) : null;
}

/** The code of the first error issue; codes are a FHIR value set, so we only pass ones that look like one. */
function issueCode(outcome: OperationOutcome | null): string | null {
  const issues = outcome?.issue ?? [];
  const issue = issues.find((candidate) => candidate.severity === 'error' || candidate.severity === 'fatal') ?? issues[0];
  const code = issue?.code;
  return typeof code === 'string' && /^[a-z-]{2,32}$/.test(code) ? code : null;
}
