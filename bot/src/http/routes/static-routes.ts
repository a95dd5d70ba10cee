import fs from 'node:fs';
import type { Logger } from 'pino';
import restify, { type Server } from 'restify';
import { FRAME_ANCESTORS } from '../frame-ancestors';

/** Serves the built tab pages under /tabs/ (from `npm run build:tabs`). */
export function registerStaticRoutes(server: Server, tabsDir: string, logger: Logger): void {
  if (!fs.existsSync(tabsDir)) {
    logger.warn({ tabsDir }, 'tab pages are not built (run `npm run build:tabs`); /tabs/ will answer 404');
  }
  const serve = restify.plugins.serveStaticFiles(tabsDir, { maxAge: 0 });
  server.get('/tabs/*', (req, res, next) => {
    res.header('Content-Security-Policy', `frame-ancestors ${FRAME_ANCESTORS}`);
    serve(req, res, next);
  });
  server.get('/', (_req, res, next) => {
    res.redirect(302, '/tabs/my-visits.html', next);
  });
}
