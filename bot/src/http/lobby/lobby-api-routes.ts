/**
 * The patient's lobby API (public: the link token is the credential). After the identity check the
 * patient holds a ticket, kept in an HttpOnly cookie scoped to this link, so the page's fetches and
 * its event stream carry it without script access. Rate-limited per link, and wrong links per client.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { deviceCheckResult, feedbackInput, identifyInput, messageClinicInput, type LobbyMessageDto, type LobbyView } from '../../contracts/lobby-api';
import { AppError } from '../../domain/shared/app-error';
import type { LobbyService, PatientLobbyView } from '../../domain/lobby/lobby-service';
import type { LobbyHub } from '../../realtime/lobby-hub';
import { parseInput, pathParam } from '../parse-input';
import { RateLimiter } from '../rate-limiter';
import { route } from '../route';
import type { LobbyMessage, LobbySettings } from '../../domain/lobby/lobby-types';
import { withAuth } from '../route-registry';

const PING_MS = 25_000;
const COOKIE = 'rounds_lobby';
/** Links that are not Rounds' own one address may try per 10 minutes (mistyped links are rare: patients click them). */
const WRONG_LINKS_PER_CLIENT = 30;
/** Messages one link may send the clinic per 10 minutes: plenty to say "running late", too few to flood a card. */
const MESSAGES_PER_LINK = 10;

interface Deps {
  lobby: LobbyService;
  hub: LobbyHub;
  settings: LobbySettings & { requestsPerMinute: number };
  /** Whether a link token carries Rounds' signature (revoked or not): a cheap check, no database. */
  isGenuineLink: (token: string) => boolean;
  /** Cookies are Secure when the service is reached over https. */
  secureCookies: boolean;
  logger: Logger;
}

export function toLobbyMessageDto(message: LobbyMessage): LobbyMessageDto {
  return { text: message.text, at: message.at.toISOString(), from: message.from, participant: message.participant };
}

export function toLobbyView(view: PatientLobbyView): LobbyView {
  return {
    phase: view.phase,
    start: view.visit.start.toISOString(),
    durationMinutes: view.visit.durationMinutes,
    clinicians: view.visit.clinicians.map((clinician) => clinician.name),
    opensAt: view.opensAt.toISOString(),
    identity: view.identity,
    guest: view.guest ? { name: view.guest.name } : null,
    checkedInAt: view.session.checkedInAt?.toISOString() ?? null,
    messages: view.session.messages.map(toLobbyMessageDto),
    clinicianNotified: view.session.clinicianNotifiedAt !== null,
    joinUrl: view.joinUrl,
    feedback: view.feedback,
  };
}

function ticketOf(req: Request): string {
  const cookies = req.header('cookie') ?? '';
  return /(?:^|;\s*)rounds_lobby=([A-Za-z0-9_-]+)/.exec(cookies)?.[1] ?? req.header('x-lobby-ticket') ?? '';
}

export function registerLobbyApiRoutes(server: Server, deps: Deps): void {
  const { lobby, logger } = deps;
  // Guessing links is throttled per address; a genuine link is throttled per link only, so no
  // amount of guessing from a shared address (a clinic's Wi-Fi) locks a patient's link out.
  const wrongLinksPerClient = new RateLimiter(WRONG_LINKS_PER_CLIENT, 10 * 60_000);
  const perLink = new RateLimiter(deps.settings.requestsPerMinute, 60_000);
  const identifyPerLink = new RateLimiter(5, 15 * 60_000);
  const messagesPerLink = new RateLimiter(MESSAGES_PER_LINK, 10 * 60_000);
  const guarded = (handler: (req: Request, res: Response, token: string) => Promise<void>) =>
    // Public: the link token is the credential, and the lobby checks it.
    withAuth(
      'public',
      route(logger, async (req, res) => {
        const token = pathParam(req, 'token');
        if (deps.isGenuineLink(token)) perLink.take(token);
        else wrongLinksPerClient.take(req.socket.remoteAddress ?? 'unknown');
        res.header('cache-control', 'no-store');
        await handler(req, res, token);
      }),
    );
  const sendView = (res: Response, view: PatientLobbyView): void => {
    res.json(toLobbyView(view));
  };

  server.get('/api/lobby/:token', guarded(async (_req, res, token) => sendView(res, await lobby.open(token))));

  server.get(
    '/api/lobby/:token/ping',
    guarded(async (_req, res) => {
      res.status(204);
      res.end();
    }),
  );

  server.post(
    '/api/lobby/:token/identify',
    guarded(async (req, res, token) => {
      identifyPerLink.take(token);
      const ticket = await lobby.identify(token, parseInput(identifyInput, req.body));
      const path = `/api/lobby/${token}`;
      res.header('set-cookie', `${COOKIE}=${ticket}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=86400${deps.secureCookies ? '; Secure' : ''}`);
      res.json({ ticket });
    }),
  );

  server.post(
    '/api/lobby/:token/device-check',
    guarded(async (req, res, token) => sendView(res, await lobby.reportDeviceCheck(token, ticketOf(req), parseInput(deviceCheckResult, req.body)))),
  );

  server.post('/api/lobby/:token/check-in', guarded(async (req, res, token) => sendView(res, await lobby.checkIn(token, ticketOf(req)))));

  server.post(
    '/api/lobby/:token/message',
    guarded(async (req, res, token) => {
      messagesPerLink.take(token, 'You have sent several messages in a short time. Please wait a few minutes, or call the clinic.');
      await lobby.messageClinic(token, ticketOf(req), parseInput(messageClinicInput, req.body).text);
      sendView(res, await lobby.view(token));
    }),
  );

  // A completed visit's rating, once per link (a second answer is refused); the comment is never logged.
  server.post(
    '/api/lobby/:token/feedback',
    guarded(async (req, res, token) => sendView(res, await lobby.giveFeedback(token, ticketOf(req), parseInput(feedbackInput, req.body)))),
  );

  server.get(
    '/api/lobby/:token/events',
    guarded(async (req, res, token) => {
      const first = await lobby.view(token);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      // Reconnecting browsers wait about this long after a drop or a restart.
      res.write('retry: 2000\n\n');
      const send = (view: PatientLobbyView) => res.write(`event: lobby\ndata: ${JSON.stringify(toLobbyView(view))}\n\n`);
      send(first);
      const unsubscribe = deps.hub.subscribe(first.visit.id, () => {
        lobby.view(token).then(send, (error: unknown) => {
          // A cancelled or rescheduled visit revokes the link: tell the page, then let it go.
          if (error instanceof AppError && error.code === 'not_found') res.write(`event: gone\ndata: {}\n\n`);
          else logger.warn({ err: error }, 'lobby event could not be sent');
        });
      });
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      await new Promise<void>((resolve) => req.once('close', resolve));
      clearInterval(ping);
      unsubscribe();
    }),
  );
}
