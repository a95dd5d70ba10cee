/**
 * The service's own list of its routes. Every registration on the server goes through it, so it
 * knows each route's method, path and how callers prove who they are; the fuzz and auth-table tests
 * (test/security) are driven from it, and a route whose handler declares no auth kind is refused at
 * start-up. Each handler is also wrapped in the last-resort guard: whatever escapes it becomes a 500
 * for that request alone, logged without the error's text (it may carry input).
 */
import { types } from 'node:util';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { sendError } from './error-response';

/**
 * How a route's caller is authenticated:
 * - public: nobody (health, pages, the patient lobby whose link token is checked by the lobby itself);
 * - sso: a Teams SSO token (the dev identity in dev mode);
 * - sso-or-patient-link: SSO, or a patient link token in X-Room-Patient (the built-in rooms);
 * - bot: the Bot Framework's JWT (the adapter checks it);
 * - integration-key: `Authorization: Bearer <INTEGRATION_API_KEY>`;
 * - twilio-signature: Twilio's X-Twilio-Signature over the request;
 * - dev-only: answers in dev mode only (404 otherwise).
 */
export type AuthKind = 'public' | 'sso' | 'sso-or-patient-link' | 'bot' | 'integration-key' | 'twilio-signature' | 'dev-only';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteEntry {
  method: HttpMethod;
  /** restify's path pattern, e.g. /api/lists/:listId */
  path: string;
  auth: AuthKind;
}

const AUTH = Symbol('rounds.auth-kind');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- restify's handler types vary by arity
type AnyHandler = (...args: any[]) => unknown;

/** Declares how a handler's caller is authenticated (the registry reads it when the route is added). */
export function withAuth<H extends AnyHandler>(auth: AuthKind, handler: H): H {
  (handler as unknown as Record<symbol, AuthKind>)[AUTH] = auth;
  return handler;
}

export function authOf(handler: unknown): AuthKind | undefined {
  return typeof handler === 'function' ? (handler as unknown as Record<symbol, AuthKind | undefined>)[AUTH] : undefined;
}

/** What may be logged of an error that escaped a request: its kind and where, never its message. */
export function safeErrorSummary(error: unknown): { name: string; code?: string; at?: string } {
  if (!types.isNativeError(error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  // The first frame says where it happened; the message line (which may carry input) is left out.
  const at = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '))?.trim();
  return { name: error.name, ...(typeof code === 'string' ? { code } : {}), ...(at ? { at } : {}) };
}

/** Answers 500 (or ends a response already under way) for an error that escaped a handler. */
export function lastResort(req: Request, res: Response, error: unknown, logger: Logger): void {
  logger.error({ route: req.getRoute?.()?.path, method: req.method, error: safeErrorSummary(error) }, 'request failed: unhandled error');
  try {
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(res, new Error('unhandled'), logger, { quiet: true });
  } catch {
    res.destroy?.();
  }
}

function guarded(handler: AnyHandler, logger: Logger): AnyHandler {
  if (handler.length <= 2) {
    return async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch (error) {
        lastResort(req, res, error, logger);
      }
    };
  }
  return (req: Request, res: Response, next: (err?: unknown) => void) => {
    try {
      handler(req, res, next);
    } catch (error) {
      lastResort(req, res, error, logger);
      next(false);
    }
  };
}

const METHODS: [keyof Server & ('get' | 'post' | 'put' | 'patch' | 'del'), HttpMethod][] = [
  ['get', 'GET'],
  ['post', 'POST'],
  ['put', 'PUT'],
  ['patch', 'PATCH'],
  ['del', 'DELETE'],
];

export class RouteRegistry {
  readonly entries: RouteEntry[] = [];

  constructor(private readonly server: Server) {}

  /** The routes restify itself has, as METHOD path (to check none bypassed the registry). */
  restifyRoutes(): string[] {
    const routes = this.server.router.getRoutes() as unknown as Record<string, { method: string; path: string | RegExp }>;
    return Object.values(routes).map((r) => `${r.method} ${String(r.path)}`);
  }
}

/**
 * Makes every route registration on `server` go through a registry: the route is recorded with its
 * auth kind (refused if none is declared) and each handler is wrapped in the last-resort guard.
 */
export function installRouteRegistry(server: Server, logger: Logger): RouteRegistry {
  const registry = new RouteRegistry(server);
  for (const [name, method] of METHODS) {
    const original = (server[name] as AnyHandler).bind(server);
    const register = (path: unknown, ...handlers: AnyHandler[]) => {
      if (typeof path !== 'string') throw new Error(`${method} routes must be registered with a path string`);
      const auth = handlers.map(authOf).find((kind) => kind !== undefined);
      if (!auth) throw new Error(`${method} ${path}: the handler declares no auth kind (use authedRoute, or withAuth(kind, handler))`);
      registry.entries.push({ method, path, auth });
      return original(path, ...handlers.map((handler) => guarded(handler, logger)));
    };
    (server as unknown as Record<string, unknown>)[name] = register;
  }
  return registry;
}
