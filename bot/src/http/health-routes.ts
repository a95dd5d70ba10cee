import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { Database } from '../storage/database';
import { withAuth } from './route-registry';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read the details (version, uptime, database backend): a caller on this machine that no
 * proxy forwarded, or one presenting ADMIN_API_KEY as `Authorization: Bearer <key>`.
 */
function mayReadDetails(req: Request, adminApiKey: string | null): boolean {
  const forwarded = req.header('x-forwarded-for') || req.header('forwarded');
  if (!forwarded && LOOPBACK.has(req.socket.remoteAddress ?? '')) return true;
  if (!adminApiKey) return false;
  const presented = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(adminApiKey));
}

/**
 * GET /healthz: 200 when the service and its database answer, 503 otherwise (load balancers read the
 * status, on every address). Anyone learns only that; the details go to loopback or the admin key.
 */
export function registerHealthRoutes(server: Server, db: Database, version: string, logger: Logger, options: { adminApiKey?: string | null } = {}): void {
  const startedAt = Date.now();
  server.get('/healthz', withAuth('public', async (req: Request, res: Response) => {
    const began = performance.now();
    let database: { status: 'up' | 'down'; backend: string; latencyMs?: number };
    try {
      await db.ping();
      database = { status: 'up', backend: db.backend, latencyMs: Math.round((performance.now() - began) * 10) / 10 };
    } catch (error) {
      logger.warn({ err: error }, 'database ping failed');
      database = { status: 'down', backend: db.backend };
    }
    const status = database.status === 'up' ? 'ok' : 'degraded';
    res.status(database.status === 'up' ? 200 : 503);
    res.header('cache-control', 'no-store');
    if (!mayReadDetails(req, options.adminApiKey ?? null)) {
      res.json({ status });
      return;
    }
    res.json({ status, version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), database });
  }));
}
