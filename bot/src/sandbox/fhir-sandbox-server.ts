/**
 * The sandbox's HTTP face (node:http, no framework): `/fhir/metadata` and
 * `/fhir/.well-known/smart-configuration` unauthenticated, `/auth/token` for client_credentials,
 * everything else under `/fhir/` behind a bearer token and answered by the read-only FHIR API.
 * It never logs: request URLs and bodies carry patient names and identifiers, even if synthetic.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type FhirRepository } from '@medplum/fhir-router';
import { capabilityStatement, smartConfiguration } from './discovery-documents';
import { operationOutcome, SandboxFhirApi } from './fhir-api';
import { BodyTooLargeError, FHIR_JSON, JSON_UTF8, mediaType, readBody, sendJson } from './http-io';
import { SmartTokenService, type TokenRequestRecord } from './smart-token-service';

export interface FhirSandboxServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  clientId: string;
  clientSecret: string;
  repository: FhirRepository;
  /** Added before answering every `/fhir/` request, metadata and discovery included (not the token endpoint). */
  latencyMs: number;
  tokenLifetimeSeconds: number;
  /** Milliseconds since the epoch, for token expiry. */
  now: () => number;
  /** The client's JWKS URL, for private_key_jwt (or later through setJwksUrl). */
  jwksUrl?: string | undefined;
  /** What the token endpoint grants for a requested scope; default all of it. */
  grantScope?: ((requested: string) => string) | undefined;
}

export interface FhirSandboxServer {
  /** The FHIR base URL, e.g. http://127.0.0.1:PORT/fhir */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** HTTP requests under `/fhir` (metadata and discovery included) since start or the last reset. */
  fhirRequestCount(): number;
  /** Zeroes fhirRequestCount and empties tokenRequests. */
  resetCounters(): void;
  /** Successful token requests, oldest first (a live view). */
  readonly tokenRequests: readonly TokenRequestRecord[];
  /** Registers the client's JWKS URL, as a hospital registers Rounds' (needed for private_key_jwt). */
  setJwksUrl(url: string): void;
  close(): Promise<void>;
}

const FHIR_PREFIX = '/fhir';
const TOKEN_PATH = '/auth/token';
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

export async function startFhirSandboxServer(options: FhirSandboxServerOptions): Promise<FhirSandboxServer> {
  // Listen first: the absolute URLs the documents and links carry need the (maybe ephemeral) port.
  // The request handler is attached right after, before the event loop can deliver a request.
  const server = createServer();
  const origin = await listen(server, options.port, options.host);
  const baseUrl = `${origin}${FHIR_PREFIX}`;
  const tokenUrl = `${origin}${TOKEN_PATH}`;
  const api = new SandboxFhirApi(options.repository, baseUrl);
  const tokens = new SmartTokenService({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    lifetimeSeconds: options.tokenLifetimeSeconds,
    now: options.now,
    tokenUrl,
    jwksUrl: options.jwksUrl,
    grantScope: options.grantScope,
  });
  let fhirRequests = 0;

  async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request' }, JSON_UTF8, { allow: 'POST', ...NO_STORE });
    if (mediaType(req) !== 'application/x-www-form-urlencoded') {
      return sendJson(res, 400, { error: 'invalid_request' }, JSON_UTF8, NO_STORE);
    }
    const result = await tokens.issue(new URLSearchParams(await readBody(req)), req.headers.authorization);
    if ('error' in result) {
      // RFC 6749 §5.2: a client that tried Basic gets a challenge back.
      const challenge: Record<string, string> = result.status === 401 && result.basic ? { 'www-authenticate': 'Basic realm="fhir-sandbox"' } : {};
      const body = result.error_description ? { error: result.error, error_description: result.error_description } : { error: result.error };
      return sendJson(res, result.status, body, JSON_UTF8, { ...NO_STORE, ...challenge });
    }
    sendJson(res, 200, result, JSON_UTF8, NO_STORE);
  }

  async function handleFhir(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(FHIR_PREFIX.length).replace(/^\/+/, '');
    const discovery =
      path === 'metadata'
        ? { body: capabilityStatement(baseUrl, tokenUrl), type: FHIR_JSON }
        : path === '.well-known/smart-configuration'
          ? { body: smartConfiguration(tokenUrl), type: JSON_UTF8 }
          : null;
    if (discovery) {
      if (req.method !== 'GET') return sendJson(res, 405, operationOutcome('not-supported', 'Use GET.'), FHIR_JSON, { allow: 'GET' });
      return sendJson(res, 200, discovery.body, discovery.type);
    }
    if (!tokens.isAuthorized(req.headers.authorization)) {
      return sendJson(res, 401, operationOutcome('login', 'A valid, unexpired bearer token is required.'), FHIR_JSON, {
        'www-authenticate': 'Bearer realm="fhir-sandbox", error="invalid_token"',
      });
    }
    const body = req.method === 'POST' ? await readBody(req) : '';
    const answer = await api.handle({ method: req.method ?? '', path, query: url.searchParams, mediaType: mediaType(req), body });
    sendJson(res, answer.status, answer.resource, FHIR_JSON);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === TOKEN_PATH) return handleToken(req, res);
    if (url.pathname === FHIR_PREFIX || url.pathname.startsWith(`${FHIR_PREFIX}/`)) {
      fhirRequests++;
      if (options.latencyMs > 0) await delay(options.latencyMs);
      return handleFhir(req, res, url);
    }
    sendJson(res, 404, { error: 'not_found' }, JSON_UTF8);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const tooLarge = error instanceof BodyTooLargeError;
      sendJson(
        res,
        tooLarge ? 413 : 500,
        operationOutcome(tooLarge ? 'too-costly' : 'exception', tooLarge ? 'The request body is too large.' : 'The sandbox failed.'),
        FHIR_JSON,
      );
    });
  });

  return {
    baseUrl,
    tokenUrl,
    fhirRequestCount: () => fhirRequests,
    resetCounters: () => {
      fhirRequests = 0;
      tokens.clearRecords();
    },
    tokenRequests: tokens.tokenRequests,
    setJwksUrl: (url) => tokens.setJwksUrl(url),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}
