import type { Logger } from 'pino';
import restify, { type Server } from 'restify';
import { AppError } from '../domain/app-error';
import { sendError } from './error-response';

/** A restify server with body parsing, basic hardening headers and a request log without query strings (they may carry PHI). */
export function createHttpServer(logger: Logger): Server {
  const server = restify.createServer({ name: 'rounds', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use((_req, res, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    next();
  });
  // restify's own answers would echo the path (which may carry an identifier); answer in our shape.
  server.on('NotFound', (_req: restify.Request, res: restify.Response) => {
    sendError(res, new AppError('not_found', 'There is nothing here.'), logger);
  });
  server.on('MethodNotAllowed', (_req: restify.Request, res: restify.Response) => {
    sendError(res, new AppError('not_found', 'This address does not accept that method.'), logger);
  });
  server.on('after', (req: restify.Request, res: restify.Response) => {
    logger.debug({ method: req.method, route: req.getRoute()?.path, status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });
  return server;
}
