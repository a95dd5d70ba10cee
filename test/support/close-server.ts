import type { Server } from 'restify';

/**
 * Closes a restify server at once, as the service's own close does: the keep-alive connections that
 * fetch leaves open would otherwise hold it (and the jest worker that ran the suite) for seconds.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.server.closeAllConnections();
  });
}
