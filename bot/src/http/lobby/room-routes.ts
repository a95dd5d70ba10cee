/**
 * The built-in video rooms: the page (`/rooms/:roomId`) and its signalling API. Media flows between
 * the browsers (WebRTC); Rounds only relays their offers, answers and ICE candidates and decides who
 * may be in the room:
 * - the patient, with the link token in `X-Room-Patient`, once a clinician admitted them from the
 *   lobby, and only into the room of that link's visit;
 * - the visit's clinicians and its care team, signed in (Teams SSO, or the dev identity), who may
 *   also end the visit from the room.
 * Nobody enters once the visit is over. Everyone else gets 401, 403 or 404, and no answer says anything about the visit.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { PATIENT_HEADER, callQualityInput, roomEvents, roomEventsQuery, roomIdPattern, signalInput, type IceServer, type RoomEvent, type RoomRole } from '../../contracts/room-api';
import { AppError } from '../../domain/shared/app-error';
import { participantKey } from '../../domain/visits/visit-types';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import { isFor, type RoomSignal, type RoomSignals } from '../../realtime/room-signals';
import type { Authenticator, Identity } from '../auth/identity';
import { FRAME_ANCESTORS } from '../frame-ancestors';
import { parseInput, pathParam } from '../parse-input';
import { RateLimiter } from '../rate-limiter';
import { route } from '../route';
import { withAuth } from '../route-registry';

const PING_MS = 25_000;

/** The page loads only its own built files and talks only to Rounds; media comes from the camera and peers. */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  // teams-js (clinicians inside Teams only) fetches its list of Teams origins from Microsoft's CDN.
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Clinicians may open a room inside Teams, like the tab pages.
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

const NO_ROOM = 'This video room is not available. Use the newest link you received, or call the clinic.';
const NOT_ADMITTED = 'Your clinician has not let you in yet. Please go back to your waiting room link and wait there.';
const VISIT_OVER = 'This visit has ended. You can close this page now.';
/** The refusal names the visit, so a page that was in the call shows the visit's end, not an error. */
const visitOver = () => new AppError('conflict', VISIT_OVER, { field: 'visit' });
const roomFull = (limit: number) =>
  `This video room is full: it holds ${limit} people at a time. Ask someone in the visit to leave, or call the clinic.`;

export interface RoomDirectory {
  /** The visit a built-in room belongs to, or null. */
  visitIdOf(roomId: string): Promise<string | null>;
}

export interface RoomRoutesDeps {
  authenticator: Authenticator;
  lobby: Pick<LobbyService, 'view' | 'clinicianView' | 'end' | 'clinicianEntered' | 'recordCallQuality'>;
  /** Most browsers one room holds at once (ROOM_MAX_PARTICIPANTS): the patient, guests and clinicians together. */
  maxParticipants: number;
  rooms: RoomDirectory;
  signals: RoomSignals;
  /** STUN/TURN servers for the browsers (ROOM_ICE_SERVERS); none is enough on loopback and a LAN. */
  iceServers: IceServer[];
  /** Where the built room page is (tabs/dist). */
  tabsDir: string;
  logger: Logger;
}

/** Who is asking to be in a room. */
interface Participant {
  role: RoomRole;
  /** Peer ids belong to their owner: 'patient', 'guest:<id>', or 'clinician:<user id>'. */
  owner: string;
  /** A clinician's identity and the room's visit (what they may end). */
  clinician?: { identity: Identity; visitId: string };
  visitId: string;
  /** How the timeline names them: a clinician's id, 'patient' or 'guest:<id>'. */
  actor: string;
}

export function registerRoomRoutes(server: Server, deps: RoomRoutesDeps): void {
  const { signals, logger } = deps;
  // Generous: a call set-up sends a few dozen candidates, and streams reconnect.
  const perClient = new RateLimiter(600, 60_000);

  /** `afterEnd`: someone who was in the call may still report on it once the visit completed. */
  async function enter(req: Request, roomId: string, afterEnd = false): Promise<Participant> {
    if (!roomIdPattern.test(roomId)) throw new AppError('not_found', NO_ROOM);
    const token = req.header(PATIENT_HEADER);
    if (token) return enterAsPatient(token, roomId, afterEnd);
    const identity = await deps.authenticator.authenticate(req.header('authorization'));
    const visitId = await deps.rooms.visitIdOf(roomId);
    if (!visitId) throw new AppError('not_found', NO_ROOM);
    // The lobby decides who may act for a visit: its clinicians and its care team.
    const { visit } = await deps.lobby.clinicianView(identity, visitId);
    if (visit.status === 'cancelled') throw new AppError('not_found', NO_ROOM);
    if (visit.status === 'no_show' || (visit.status === 'completed' && !afterEnd)) throw visitOver();
    return { role: 'clinician', owner: `clinician:${identity.userId}`, clinician: { identity, visitId }, visitId, actor: identity.userId };
  }

  async function enterAsPatient(token: string, roomId: string, afterEnd: boolean): Promise<Participant> {
    let view: Awaited<ReturnType<LobbyService['view']>>;
    try {
      view = await deps.lobby.view(token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') throw new AppError('not_found', NO_ROOM);
      throw error;
    }
    const meeting = view.visit.meeting;
    // A valid link of another visit is no key to this room; say no more than for an unknown room.
    if (meeting?.provider !== 'builtin' || meeting.meetingId !== roomId) throw new AppError('not_found', NO_ROOM);
    const wasInCall = afterEnd && view.visit.status === 'completed' && view.session.admittedAt !== null;
    if (view.phase === 'ended' && !wasInCall) throw visitOver();
    if (view.phase !== 'admitted' && !wasInCall) throw new AppError('forbidden', NOT_ADMITTED);
    const owner = participantKey(view.participant);
    return { role: view.participant.kind === 'guest' ? 'guest' : 'patient', owner, visitId: view.visit.id, actor: owner };
  }

  const api = (handler: (req: Request, res: Response, roomId: string, who: Participant) => Promise<void>, afterEnd = false) =>
    withAuth(
      'sso-or-patient-link',
      route(logger, async (req, res) => {
        perClient.take(req.socket.remoteAddress ?? 'unknown');
        res.header('cache-control', 'no-store');
        const roomId = pathParam(req, 'roomId');
        await handler(req, res, roomId, await enter(req, roomId, afterEnd));
      }),
    );

  server.get(
    '/api/rooms/:roomId/config',
    api(async (_req, res) => {
      res.json({ iceServers: deps.iceServers });
    }),
  );

  server.post(
    '/api/rooms/:roomId/signal',
    api(async (req, res, roomId, who) => {
      const input = parseInput(signalInput, req.body);
      if (!(await signals.owns(roomId, input.from, who.owner))) {
        throw new AppError('conflict', 'This page is not connected to the room. Reload the page to join again.', { field: 'from' });
      }
      if (input.type === 'bye') await signals.leave(roomId, input.from);
      else await signals.send(roomId, { from: input.from, to: input.to, kind: input.type, payload: input.payload });
      res.status(204);
      res.end();
    }),
  );

  // Sent as the page leaves, which for most is when the visit has just ended.
  server.post(
    '/api/rooms/:roomId/quality',
    api(async (req, res, _roomId, who) => {
      const { samples } = parseInput(callQualityInput, req.body);
      res.json({ quality: await deps.lobby.recordCallQuality(who.visitId, who.actor, samples) });
    }, true),
  );

  server.post(
    '/api/rooms/:roomId/end',
    api(async (_req, res, _roomId, who) => {
      if (!who.clinician) throw new AppError('forbidden', "Only the visit's clinicians can end the visit.");
      // The visit's meeting-end job tells every browser in the room.
      await deps.lobby.end(who.clinician.identity, who.clinician.visitId);
      res.status(204);
      res.end();
    }),
  );

  server.get(
    '/api/rooms/:roomId/events',
    api(async (req, res, roomId, who) => {
      const { peer } = parseInput(roomEventsQuery, req.query);
      const lastEventId = Number(req.header('last-event-id') ?? '0');
      const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));

      const stream = orderedStream(res, peer);
      // Listening before joining: nothing sent to this peer after it is in the room can be missed.
      const unsubscribe = await signals.subscribe(roomId, (signal) => stream.live(signal));
      let ping: ReturnType<typeof setInterval> | undefined;
      try {
        // A page reconnecting keeps its place; a new one finds the room full at the limit.
        if (!(await signals.owns(roomId, peer, who.owner)) && (await signals.othersPresent(roomId, peer)) >= deps.maxParticipants) {
          throw new AppError('conflict', roomFull(deps.maxParticipants));
        }
        const joined = await signals.join(roomId, { peerId: peer, role: who.role, owner: who.owner });
        if (!joined) throw new AppError('conflict', 'This page is already connected to the room as someone else. Reload the page.', { field: 'peer' });
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
        res.write('retry: 2000\n\n');
        // Proxies close idle streams; the ping also keeps this peer counted as present.
        ping = setInterval(() => {
          res.write(': ping\n\n');
          signals.touch(roomId, peer).catch((error: unknown) => logger.warn({ err: error }, 'room presence could not be refreshed'));
        }, PING_MS);
        stream.write({ event: 'welcome', data: { you: { peerId: peer, role: who.role }, peers: joined.peers } });
        // "Let them in when I'm ready": the clinician is in the room, so everyone checked in is admitted.
        if (who.clinician) {
          deps.lobby.clinicianEntered(who.clinician.identity, who.clinician.visitId).catch((error: unknown) => logger.warn({ err: error }, 'waiting people could not be let in'));
        }
        try {
          const missed = joined.rejoined && Number.isSafeInteger(lastEventId) && lastEventId > 0 ? await signals.since(roomId, peer, lastEventId) : [];
          stream.caughtUp(missed);
        } catch (error) {
          // The stream is open: no error answer any more. Ending it makes the browser reconnect and ask again.
          logger.warn({ err: error }, 'missed room signals could not be read');
          res.end();
        }
        await closed;
      } finally {
        clearInterval(ping);
        unsubscribe();
      }
    }),
  );

  server.get(
    '/rooms/:roomId',
    withAuth(
      'public',
      route(logger, async (_req, res) => {
        // The page itself is the same for every room: the API decides who gets in.
        const html = await fs.readFile(path.join(deps.tabsDir, 'room.html'), 'utf8').catch(() => null);
        if (html === null) throw new AppError('unavailable', 'The video room page is not built. Run `npm run build:tabs`.');
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': PAGE_CSP,
          'permissions-policy': 'camera=(self), microphone=(self), display-capture=()',
        });
        res.end(html);
      }),
    ),
  );
}

/**
 * Writes one peer's events in order. Signals that arrive while the missed ones are being read wait
 * until those are out, and none is written twice.
 */
function orderedStream(res: Response, peerId: string) {
  const written = new Set<number>();
  let waiting: RoomSignal[] | null = [];

  const write = (event: RoomEvent, id?: number): void => {
    res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
  };
  const writeSignal = (signal: RoomSignal): void => {
    if (written.has(signal.id) || !isFor(signal, peerId)) return;
    written.add(signal.id);
    const event = toEvent(signal);
    if (event) write(event, signal.id);
  };

  return {
    write,
    live(signal: RoomSignal): void {
      if (waiting) waiting.push(signal);
      else writeSignal(signal);
    },
    caughtUp(missed: readonly RoomSignal[]): void {
      const held = waiting ?? [];
      waiting = null;
      for (const signal of [...missed, ...held]) writeSignal(signal);
    },
  };
}

/** The stream's event for a stored signal; null for one that does not fit the contract (never sent). */
function toEvent(signal: RoomSignal): RoomEvent | null {
  const payload = typeof signal.payload === 'object' && signal.payload !== null ? (signal.payload as Record<string, unknown>) : {};
  switch (signal.kind) {
    case 'peer-joined': {
      const parsed = roomEvents['peer-joined'].safeParse({ peerId: signal.from, role: payload['role'] });
      return parsed.success ? { event: 'peer-joined', data: parsed.data } : null;
    }
    case 'peer-left': {
      const parsed = roomEvents['peer-left'].safeParse({ peerId: signal.from });
      return parsed.success ? { event: 'peer-left', data: parsed.data } : null;
    }
    case 'offer':
    case 'answer': {
      const parsed = roomEvents[signal.kind].safeParse({ from: signal.from, payload: signal.payload });
      return parsed.success ? { event: signal.kind, data: parsed.data } : null;
    }
    case 'candidate': {
      const parsed = roomEvents.candidate.safeParse({ from: signal.from, payload: signal.payload });
      return parsed.success ? { event: 'candidate', data: parsed.data } : null;
    }
    case 'visit-ended':
      return { event: 'visit-ended', data: {} };
  }
}
