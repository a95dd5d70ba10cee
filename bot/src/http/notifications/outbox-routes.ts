import type { Logger } from 'pino';
import type { Response, Server } from 'restify';
import { z } from 'zod/v4';
import { AppError } from '../../domain/shared/app-error';
import type { OutboxMessage, OutboxStore } from '../../domain/notifications/notification-types';
import { parseInput } from '../parse-input';
import { route } from '../route';
import { withAuth } from '../route-registry';
import { outboxPage } from './outbox-page';

interface Deps {
  outbox: Pick<OutboxStore, 'listRecent'>;
  /** The outbox holds patient names and numbers: only the unauthenticated local dev service shows it. */
  devMode: boolean;
  logger: Logger;
}

export interface OutboxMessageDto {
  id: string;
  channel: OutboxMessage['channel'];
  template: string;
  recipient: string;
  subject: string | null;
  body: string;
  hasIcs: boolean;
  status: OutboxMessage['status'];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const toDto = (message: OutboxMessage): OutboxMessageDto => ({
  id: message.id,
  channel: message.channel,
  template: message.template,
  recipient: message.recipient,
  subject: message.subject,
  body: message.body,
  hasIcs: message.ics !== null,
  status: message.status,
  attempts: message.attempts,
  lastError: message.lastError,
  createdAt: message.createdAt.toISOString(),
  sentAt: message.sentAt?.toISOString() ?? null,
});

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

function refuseOutsideDevMode(devMode: boolean): void {
  if (!devMode) throw new AppError('not_found', 'The outbox page exists in dev mode only.');
}

/** GET /api/outbox (JSON) and GET /outbox (a page): what patients would receive, newest first. Dev mode only. */
export function registerOutboxRoutes(server: Server, { outbox, devMode, logger }: Deps): void {
  server.get(
    '/api/outbox',
    withAuth(
      'dev-only',
      route(logger, async (req, res) => {
        refuseOutsideDevMode(devMode);
        const { limit } = parseInput(listQuery, req.query ?? {});
        res.header('Cache-Control', 'no-store');
        res.json({ messages: (await outbox.listRecent(limit)).map(toDto) });
      }),
    ),
  );

  server.get(
    '/outbox',
    withAuth(
      'dev-only',
      route(logger, async (req, res) => {
        refuseOutsideDevMode(devMode);
        const { limit } = parseInput(listQuery, req.query ?? {});
        sendHtml(res, outboxPage(await outbox.listRecent(limit)));
      }),
    ),
  );
}

function sendHtml(res: Response, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // Nothing on the page runs or loads: styles are inline.
    'Content-Security-Policy': "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}
