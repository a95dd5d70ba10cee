import { cachedDiscovery, type Discovery, type FhirVersion } from './discovery';
import { type FhirCaches, processFhirCaches } from './fhir-caches';
import { createFhirClient, type FhirClient } from './fhir-client';
import { type FhirKeyring } from '../secrets/fhir-signing-keys';
import { authMethodOf, connectionKey, type FhirConnection, normalizeBaseUrl, type TokenAuthMethod } from './fhir-connection';
import { createFhirHttp, type FhirHttp, type RequestEvent } from './fhir-http';
import { dstu2Mapper } from './map-dstu2';
import { r4Mapper } from './map-r4';
import { stu3Mapper } from './map-stu3';
import { tokenScope } from './scopes';
import { createTokenClient, type TokenClient, type TokenStore } from './token-client';
import { type VersionMapper } from './version-mapper';

export interface GatewayOptions {
  fetch?: typeof fetch;
  /** The clock for token expiry, cache lifetimes and vitals staleness. */
  now?: () => number;
  timeoutMs?: number;
  /** Called before every HTTP request (discovery, token, FHIR), e.g. to count them. */
  onRequest?: (event: RequestEvent) => void;
  /** Defaults to the process-wide caches. */
  caches?: FhirCaches;
  /** Rounds' signing keys, for private_key_jwt connections. */
  keyring?: FhirKeyring;
}

/** A connection with everything resolved that does not need the network. */
export interface Gateway {
  connection: FhirConnection;
  baseUrl: string;
  /** Keys what is cached for this connection (see `connectionKey`). */
  key: string;
  http: FhirHttp;
  now: () => number;
  caches: FhirCaches;
  keyring: FhirKeyring | null;
}

/** A discovered EHR ready for authenticated requests in its own FHIR version. */
export interface FhirSession {
  discovery: Discovery;
  mapper: VersionMapper;
  tokens: TokenClient;
  client: FhirClient;
  /** How this session authenticates at the token endpoint. */
  authMethod: TokenAuthMethod;
}

const MAPPERS: Record<FhirVersion, VersionMapper> = { R4: r4Mapper, STU3: stu3Mapper, DSTU2: dstu2Mapper };

export function createGateway(connection: FhirConnection, options: GatewayOptions = {}): Gateway {
  return {
    connection,
    baseUrl: normalizeBaseUrl(connection.baseUrl),
    key: connectionKey(connection),
    http: createFhirHttp({ fetch: options.fetch, timeoutMs: options.timeoutMs, onRequest: options.onRequest }),
    now: options.now ?? Date.now,
    caches: options.caches ?? processFhirCaches,
    keyring: options.keyring ?? null,
  };
}

/** Cheap after the first call: discovery and tokens come from the caches while they last. */
export async function openSession(gateway: Gateway): Promise<FhirSession> {
  const discovery = await cachedDiscovery(gateway.caches.discovery, gateway.baseUrl, gateway.http, gateway.now());
  return sessionFor(gateway, discovery, gateway.caches.tokens);
}

export function sessionFor(gateway: Gateway, discovery: Discovery, store: TokenStore): FhirSession {
  const authMethod = authMethodOf(gateway.connection, discovery.authMethod);
  const tokens = createTokenClient({
    connection: gateway.connection,
    tokenEndpoint: discovery.tokenEndpoint,
    authMethod,
    scope: tokenScope(gateway.connection.tenantId, discovery),
    keyring: gateway.keyring,
    http: gateway.http,
    now: gateway.now,
    store,
  });
  return { discovery, mapper: MAPPERS[discovery.fhirVersion], tokens, client: createFhirClient(gateway.baseUrl, tokens, gateway.http), authMethod };
}
