import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Database } from '../../storage/database';

/** GET /healthz: 200 when the service and its database answer, 503 otherwise (load balancers read the status). */
export function registerHealthRoutes(server: Server, db: Database, version: string, logger: Logger): void {
  const startedAt = Date.now();
  server.get('/healthz', async (_req, res) => {
    const began = performance.now();
    let database: { status: 'up' | 'down'; backend: string; latencyMs?: number };
    try {
      await db.ping();
      database = { status: 'up', backend: db.backend, latencyMs: Math.round((performance.now() - began) * 10) / 10 };
    } catch (error) {
      logger.warn({ err: error }, 'database ping failed');
      database = { status: 'down', backend: db.backend };
    }
    res.status(database.status === 'up' ? 200 : 503);
    res.json({ status: database.status === 'up' ? 'ok' : 'degraded', version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), database });
  });
}
