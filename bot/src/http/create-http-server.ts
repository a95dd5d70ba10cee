import type { Logger } from 'pino';
import restify, { type Server } from 'restify';
import { AppError } from '../domain/shared/app-error';
import { bodyReader, type BodyLimits } from './body-reader';
import { sendError, sendErrorBody } from './error-response';
import { installRouteRegistry, safeErrorSummary, type RouteRegistry } from './route-registry';

export interface HttpServerOptions {
  /** Where users reach Rounds: over https, every answer carries HSTS. */
  publicUrl?: string;
  bodyLimits?: BodyLimits;
}

const registries = new WeakMap<Server, RouteRegistry>();

/** The registry of a server made by createHttpServer: every route, its method, path and auth kind. */
export function routeRegistryOf(server: Server): RouteRegistry {
  const registry = registries.get(server);
  if (!registry) throw new Error('not a server made by createHttpServer');
  return registry;
}

/** restify's own errors (404 of static files, ...) in our body shape: its texts may name hosts and paths. */
function restifyErrorBody(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: 'validation', message: 'The request is not valid.' };
    case 404:
      return { code: 'not_found', message: 'There is nothing here.' };
    case 405:
      return { code: 'not_found', message: 'This address does not accept that method.' };
    case 413:
      return { code: 'payload_too_large', message: 'The request body is too large.' };
    case 415:
      return { code: 'unsupported_media_type', message: 'The request body has a type Rounds does not take.' };
    default:
      return status >= 400 && status < 500
        ? { code: 'validation', message: 'The request is not valid.' }
        : { code: 'internal', message: 'Something went wrong on our side. Please try again.' };
  }
}

/**
 * A restify server with body parsing that no body can crash (body-reader.ts), a registry of its
 * routes with a last-resort guard around every handler (route-registry.ts), basic hardening headers
 * and a request log without query strings (they may carry PHI).
 */
export function createHttpServer(logger: Logger, options: HttpServerOptions = {}): Server {
  const server = restify.createServer({ name: 'rounds', handleUncaughtExceptions: false });
  registries.set(server, installRouteRegistry(server, logger));
  const https = options.publicUrl?.startsWith('https:') ?? false;
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use((_req, res, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    if (https) res.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  });
  server.use(bodyReader(logger, options.bodyLimits));
  // restify's own answers would echo the path (which may carry an identifier); answer in our shape.
  server.on('NotFound', (_req: restify.Request, res: restify.Response) => {
    sendError(res, new AppError('not_found', 'There is nothing here.'), logger);
  });
  server.on('MethodNotAllowed', (_req: restify.Request, res: restify.Response) => {
    sendError(res, new AppError('not_found', 'This address does not accept that method.'), logger);
  });
  // Errors handed to restify by a handler's next(err) (e.g. the static files' 404): our shape, no text of theirs.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: { statusCode?: unknown }, callback: () => void) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) logger.error({ route: req.getRoute()?.path, method: req.method, error: safeErrorSummary(err) }, 'request failed');
    const { code, message } = restifyErrorBody(status);
    if (!res.headersSent) sendErrorBody(res, status === 405 ? 404 : status, code, message);
    callback();
  });
  server.on('after', (req: restify.Request, res: restify.Response) => {
    logger.debug({ method: req.method, route: req.getRoute()?.path, status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });
  return server;
}
