import { AppError } from '../domain/shared/app-error';
import { discover, type FhirVersion } from './discovery';
import { expectBundle } from './fhir-errors';
import { type FhirFailure, fhirFailureOf } from './fhir-failure';
import { seconds } from './fhir-http';
import { createGateway, type GatewayOptions, sessionFor } from './fhir-session';
import { type FhirConnection, type TokenAuthMethod } from './fhir-connection';
import { createTokenStore } from './token-client';

export type ConnectionProblem =
  | 'unreachable'
  | 'tls'
  | 'bad_credentials'
  | 'not_fhir'
  | 'unsupported_version'
  | 'search_refused';

export type ConnectionReport = { ok: true; fhirVersion: FhirVersion; message: string } | { ok: false; problem: ConnectionProblem; message: string };

type Step = 'metadata' | 'token' | 'search';

/** How the settings page names the method a test used. */
const METHOD_WORDS: Record<TokenAuthMethod, string> = {
  private_key_jwt: 'a signed client assertion (private_key_jwt)',
  client_secret_basic: 'the client secret (client_secret_basic)',
  client_secret_post: 'the client secret (client_secret_post)',
};

/**
 * The check behind the EHR settings page: metadata, a token, one Patient search, each step's failure
 * named with what to do about it. It bypasses every cache so a fixed setting shows up at once.
 */
export async function testConnection(connection: FhirConnection, options: GatewayOptions = {}): Promise<ConnectionReport> {
  let gateway;
  try {
    gateway = createGateway(connection, options);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, problem: 'not_fhir', message: error.userMessage };
    throw error;
  }
  const { baseUrl } = gateway;
  let step: Step = 'metadata';
  let tokenEndpoint = '';
  let authMethod: TokenAuthMethod | null = null;
  try {
    const discovery = await discover(baseUrl, gateway.http);
    tokenEndpoint = discovery.tokenEndpoint;
    const session = sessionFor(gateway, discovery, createTokenStore());
    authMethod = session.authMethod;
    step = 'token';
    await session.tokens.token();
    step = 'search';
    // An identifier nobody has: US Core servers must support it, and it matches (and discloses) nothing.
    expectBundle(await session.client.post('Patient/_search', 'identifier=rounds-connection-test&_count=1', 'application/x-www-form-urlencoded'));
    return {
      ok: true,
      fhirVersion: discovery.fhirVersion,
      message: `FHIR ${discovery.fhirVersion} server, token OK with ${METHOD_WORDS[session.authMethod]}, Patient search OK`,
    };
  } catch (error) {
    const failure = fhirFailureOf(error);
    if (!failure) throw error;
    return { ok: false, ...describe(step, failure, { baseUrl, tokenEndpoint, authMethod, timeoutMs: gateway.http.timeoutMs }) };
  }
}

function describe(
  step: Step,
  failure: FhirFailure,
  at: { baseUrl: string; tokenEndpoint: string; authMethod: TokenAuthMethod | null; timeoutMs: number },
): { problem: ConnectionProblem; message: string } {
  const url = step === 'token' ? at.tokenEndpoint : at.baseUrl;
  const host = new URL(url).host;
  const what = step === 'token' ? 'The token endpoint' : step === 'search' ? 'The Patient search' : `${at.baseUrl}/metadata`;
  const httpStatus = `HTTP ${failure.status ?? '?'}${step !== 'token' && failure.detail ? `, ${failure.detail}` : ''}`;
  switch (failure.kind) {
    case 'tls':
      return {
        problem: 'tls',
        message: `Rounds does not trust the TLS certificate of ${host} (${failure.detail ?? 'handshake failed'}). The server must present a certificate from a public certificate authority, with its intermediate certificates.`,
      };
    case 'timeout':
      return {
        problem: 'unreachable',
        message: `${host} did not answer within ${seconds(at.timeoutMs)}. Check the address, and that the server accepts connections from Rounds.`,
      };
    case 'network':
      return {
        problem: 'unreachable',
        message: `Rounds cannot reach ${host} (${failure.detail ?? 'connection failed'}). Check the address, and that the server accepts connections from Rounds.`,
      };
    case 'unsupported_version':
      return {
        problem: 'unsupported_version',
        message: `The server speaks FHIR ${failure.detail ?? '(no version given)'}; Rounds supports R4 (4.0.x), STU3 (3.0.x) and DSTU2 (1.0.x).`,
      };
    case 'no_token_endpoint':
      // Not a FHIR server Rounds can use: it answers FHIR but publishes nowhere to authenticate.
      return {
        problem: 'not_fhir',
        message: `The server does not say where to get an access token: publish ${at.baseUrl}/.well-known/smart-configuration, or the oauth-uris extension in its CapabilityStatement.`,
      };
    case 'foreign_link':
      return { problem: 'search_refused', message: 'The Patient search answered with a link to another server; Rounds does not follow it.' };
    case 'not_json':
    case 'not_fhir':
    case 'status':
      break;
  }
  if (step === 'metadata') {
    if (failure.detail === 'metadata-protected') {
      return { problem: 'not_fhir', message: `${what} asks for sign-in; the server must serve its CapabilityStatement without authentication.` };
    }
    if (failure.kind === 'status' && failure.status !== null && failure.status >= 500) {
      return { problem: 'unreachable', message: `${what} failed (${httpStatus}). The FHIR server seems down; try again later.` };
    }
    return {
      problem: 'not_fhir',
      message: `${what} did not return a FHIR CapabilityStatement. Use the FHIR base URL: the metadata address without "/metadata".`,
    };
  }
  if (step === 'token') {
    if ((failure.status === 400 || failure.status === 401) && at.authMethod === 'private_key_jwt') {
      return {
        problem: 'bad_credentials',
        message: `${what} (${host}) refused Rounds' signed client assertion (private_key_jwt, HTTP ${failure.status}). Check the client id, that the EHR has Rounds' JWKS URL registered for it, and that the client may use the client_credentials grant.`,
      };
    }
    if (failure.status === 400 || failure.status === 401) {
      return {
        problem: 'bad_credentials',
        message: `${what} (${host}) refused Rounds' client id and secret (${at.authMethod ?? 'client secret'}, HTTP ${failure.status}). Check both, and that the client may use the client_credentials grant.`,
      };
    }
    if (failure.kind === 'status') return { problem: 'unreachable', message: `${what} (${host}) failed (${httpStatus}); try again later.` };
    return { problem: 'unreachable', message: `${what} (${host}) did not answer with a token. Check the token endpoint the server publishes.` };
  }
  if (failure.status === 401 || failure.status === 403) {
    return {
      problem: 'search_refused',
      message: `The server issued a token but refused a Patient search (HTTP ${failure.status}). Grant Rounds' client read access to Patient (system/Patient.read) for this tenant.`,
    };
  }
  if (failure.kind === 'status') {
    return { problem: 'search_refused', message: `The server refused a Patient search by identifier (${httpStatus}). Rounds needs Patient search by identifier, name and birthdate.` };
  }
  return { problem: 'search_refused', message: 'The Patient search did not return a FHIR Bundle. Check that the address is the FHIR base URL.' };
}
