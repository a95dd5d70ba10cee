import fs from 'node:fs';
import type { Logger } from 'pino';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import { FRAME_ANCESTORS } from './frame-ancestors';
import { withAuth } from './route-registry';

/**
 * The tab pages (built by Vite): module scripts and styles from Rounds itself (Fluent UI adds its
 * styles at run time, hence inline styles), calls to Rounds and to the CDN where teams-js reads the
 * Teams origins; framed by Teams only.
 */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

/** Serves the built tab pages under /tabs/ (from `npm run build:tabs`). */
export function registerStaticRoutes(server: Server, tabsDir: string, logger: Logger): void {
  if (!fs.existsSync(tabsDir)) {
    logger.warn({ tabsDir }, 'tab pages are not built (run `npm run build:tabs`); /tabs/ will answer 404');
  }
  const serve = restify.plugins.serveStaticFiles(tabsDir, { maxAge: 0 });
  server.get('/tabs/*', withAuth('public', (req: Request, res: Response, next: Next) => {
    res.header('Content-Security-Policy', TAB_CSP);
    serve(req, res, next);
  }));
  server.get('/', withAuth('public', (_req: Request, res: Response, next: Next) => {
    res.redirect(302, '/tabs/my-visits.html', next);
  }));
}
