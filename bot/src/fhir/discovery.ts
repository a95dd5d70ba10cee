import { readJson } from './fhir-errors';
import { FhirFailure, fhirError, fhirFailureOf } from './fhir-failure';
import { type FhirHttp } from './fhir-http';
import { isResource, type Resource } from './fhir-resources';
import { speaksSmartV2 } from './scopes';
import { type TtlCache } from './ttl-cache';

export type FhirVersion = 'R4' | 'STU3' | 'DSTU2';
export type SecretAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** What Rounds needs to know about an EHR before its first FHIR request. */
export interface Discovery {
  fhirVersion: FhirVersion;
  tokenEndpoint: string;
  /** The secret method the server prefers, for connections with a secret and no method of their own. */
  authMethod: SecretAuthMethod;
  /** SMART v2 (`system/Patient.rs`) or v1 (`system/Patient.read`) scope strings. */
  scopeVersion: 'v1' | 'v2';
  /** Resource types the CapabilityStatement lists; null when it lists none (then we assume all). */
  resourceTypes: ReadonlySet<string> | null;
  /** Whether `POST [base]` with a batch Bundle is offered (assumed when interactions are not listed). */
  supportsBatch: boolean;
}

/** Long enough to spare every list render two requests, short enough to notice an EHR upgrade. */
const DISCOVERY_TTL_MS = 10 * 60_000;

/** DSTU2 servers speak `application/json+fhir`; asking for all three lets any version answer. */
export const FHIR_ACCEPT = 'application/fhir+json, application/json+fhir;q=0.9, application/json;q=0.8';

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

interface CapabilityStatement extends Resource {
  fhirVersion?: string;
  rest?: {
    mode?: string;
    resource?: { type?: string }[];
    interaction?: { code?: string }[];
    security?: { extension?: { url?: string; extension?: { url?: string; valueUri?: string }[] }[] };
  }[];
}

/** Discovery through a per-base-URL cache; concurrent callers share one discovery in flight. */
export function cachedDiscovery(cache: TtlCache<Promise<Discovery>>, baseUrl: string, http: FhirHttp, now: number): Promise<Discovery> {
  const cached = cache.get(baseUrl, now);
  if (cached) return cached;
  const pending = discover(baseUrl, http);
  cache.set(baseUrl, pending, now + DISCOVERY_TTL_MS);
  pending.catch(() => cache.deleteIf(baseUrl, pending));
  return pending;
}

/**
 * SMART's `.well-known/smart-configuration` first, the deprecated oauth-uris extension in `metadata`
 * second (what the Patients app's interop partners serve). `metadata` is read either way: it is the
 * only place that says which FHIR version the server speaks. Both are unauthenticated.
 */
export async function discover(baseUrl: string, http: FhirHttp): Promise<Discovery> {
  const [smart, capability] = await Promise.all([smartConfiguration(baseUrl, http), metadata(baseUrl, http)]);
  const fhirVersion = versionOf(capability.fhirVersion);
  const rest = capability.rest?.find((candidate) => candidate.mode === 'server') ?? capability.rest?.[0];
  const legacyToken = rest?.security?.extension
    ?.find((extension) => extension.url === OAUTH_URIS)
    ?.extension?.find((extension) => extension.url === 'token')?.valueUri;
  const tokenEndpoint = smart?.tokenEndpoint ?? absoluteUrl(legacyToken, baseUrl);
  if (!tokenEndpoint) {
    throw fhirError(
      'unavailable',
      'The EHR does not say where Rounds gets an access token: it has neither .well-known/smart-configuration nor the oauth-uris extension in its metadata.',
      new FhirFailure('no_token_endpoint'),
    );
  }
  const types = (rest?.resource ?? []).map((resource) => resource.type).filter((type): type is string => typeof type === 'string');
  const interactions = (rest?.interaction ?? []).map((interaction) => interaction.code);
  return {
    fhirVersion,
    tokenEndpoint,
    authMethod: smart ? preferredMethod(smart.methods) : 'client_secret_post',
    scopeVersion: smart?.v2 ? 'v2' : 'v1',
    resourceTypes: types.length > 0 ? new Set(types) : null,
    supportsBatch: interactions.length === 0 || interactions.includes('batch') || interactions.includes('transaction'),
  };
}

/**
 * Basic is preferred (RFC 6749 makes it the one every server must accept); post only when it is the one
 * offered. Without a SMART configuration, the server is a Patients-app-era partner, whose documented
 * token request carried the secret in the body.
 */
function preferredMethod(methods: readonly string[] | null): SecretAuthMethod {
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) return 'client_secret_post';
  return 'client_secret_basic';
}

const strings = (value: unknown): string[] | null => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null);

/**
 * The SMART configuration, or null when the server has none (any failure here means "fall back").
 * `v2`: the server lists a v2 scope or the permission-v2 capability; older servers get v1 scopes.
 */
async function smartConfiguration(baseUrl: string, http: FhirHttp): Promise<{ tokenEndpoint: string; methods: string[] | null; v2: boolean } | null> {
  try {
    const response = await http.send({
      method: 'GET',
      url: `${baseUrl}/.well-known/smart-configuration`,
      headers: { accept: 'application/json' },
      followRedirects: true,
    });
    const body = readJson(response) as
      | { token_endpoint?: unknown; token_endpoint_auth_methods_supported?: unknown; scopes_supported?: unknown; capabilities?: unknown }
      | null;
    const tokenEndpoint = absoluteUrl(body?.token_endpoint, baseUrl);
    if (!tokenEndpoint) return null;
    const v2 = speaksSmartV2(strings(body?.capabilities), strings(body?.scopes_supported));
    return { tokenEndpoint, methods: strings(body?.token_endpoint_auth_methods_supported), v2 };
  } catch {
    return null;
  }
}

async function metadata(baseUrl: string, http: FhirHttp): Promise<CapabilityStatement> {
  const response = await http.send({ method: 'GET', url: `${baseUrl}/metadata`, headers: { accept: FHIR_ACCEPT }, followRedirects: true });
  let body: unknown;
  try {
    body = readJson(response);
  } catch (error) {
    const failure = fhirFailureOf(error);
    if (failure?.kind === 'not_json' || failure?.status === 404) throw notAFhirServer(failure);
    if (failure?.status === 401 || failure?.status === 403) {
      throw fhirError(
        'unavailable',
        'The EHR asks for sign-in on its /metadata; a FHIR server must serve it without authentication.',
        new FhirFailure('not_fhir', { status: failure.status, detail: 'metadata-protected' }),
      );
    }
    throw error;
  }
  if (!isResource(body) || (body.resourceType !== 'CapabilityStatement' && body.resourceType !== 'Conformance')) {
    throw notAFhirServer(null);
  }
  return body;
}

function notAFhirServer(failure: FhirFailure | null) {
  return fhirError(
    'unavailable',
    'This address does not answer like a FHIR server (its /metadata is not a CapabilityStatement). Use the FHIR base URL: the metadata address without /metadata.',
    new FhirFailure('not_fhir', { status: failure?.status ?? null, cause: failure ?? undefined }),
  );
}

/** 4.0.x → R4, 3.0.x → STU3, 1.0.x → DSTU2; the app's code paths exist for these three only. */
function versionOf(raw: unknown): FhirVersion {
  const version = typeof raw === 'string' ? raw.trim() : '';
  if (/^4\.0(\.|$)/.test(version)) return 'R4';
  if (/^3\.0(\.|$)/.test(version)) return 'STU3';
  if (/^1\.0(\.|$)/.test(version)) return 'DSTU2';
  const shown = /^[\w.-]{1,20}$/.test(version) ? version : 'none given';
  throw fhirError(
    'unavailable',
    `The EHR speaks an unsupported FHIR version (${shown}); Rounds supports R4 (4.0.x), STU3 (3.0.x) and DSTU2 (1.0.x).`,
    new FhirFailure('unsupported_version', { detail: shown }),
  );
}

/** SMART: URLs SHALL be absolute, clients SHOULD resolve relative ones against the base. */
function absoluteUrl(value: unknown, baseUrl: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim(), `${baseUrl}/`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}
