/**
 * HTTP contract of the built-in video rooms (`/rooms/<roomId>`): WebRTC between the browsers, with
 * Rounds as the signalling server. Shared by the service (validation) and the room page (parsing).
 *
 * A browser joins as one peer: it picks a random peer id, opens the event stream
 * (`GET /api/rooms/:roomId/events?peer=<id>`), and sends its offers, answers and ICE candidates
 * to one other peer (`POST /api/rooms/:roomId/signal`). The patient proves admission with the
 * link token in `X-Room-Patient`; clinicians with their Teams SSO token (or dev mode).
 */
import { z } from 'zod/v4';

/** Header carrying the patient's link token (kept out of API query strings and their logs). */
export const PATIENT_HEADER = 'x-room-patient';

/** Room ids are derived from the visit (22 base64url characters today). */
export const roomIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** Chosen by the browser, random; kept across reconnects of the event stream so a blip is not a leave. */
export const peerId = z.string({ error: 'peer is required' }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'peer must be 8 to 64 letters, digits, - or _');

/** GET /api/rooms/:roomId/events?peer=<peer id> */
export const roomEventsQuery = z.object({ peer: peerId });

/** A guest is someone the patient brings (family, carer, interpreter), admitted from the lobby like the patient. */
export const roomRole = z.enum(['patient', 'guest', 'clinician']);
export type RoomRole = z.infer<typeof roomRole>;

export const roomPeer = z.object({ peerId, role: roomRole });
export type RoomPeer = z.infer<typeof roomPeer>;

/** RTCSessionDescriptionInit. SDP of a video call is a few kB; the cap stops abuse, not real offers. */
export const sessionDescription = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().max(100_000, 'sdp is too long'),
});
export type SessionDescription = z.infer<typeof sessionDescription>;

/** RTCIceCandidateInit; null is "no more candidates". */
export const iceCandidate = z.object({
  candidate: z.string().max(4_000, 'candidate is too long'),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1_000).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof iceCandidate>;

/** POST /api/rooms/:roomId/signal. `from` must be a peer this caller opened the event stream as. */
export const signalInput = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('offer'), from: peerId, to: peerId, payload: sessionDescription }),
    z.object({ type: z.literal('answer'), from: peerId, to: peerId, payload: sessionDescription }),
    z.object({ type: z.literal('candidate'), from: peerId, to: peerId, payload: iceCandidate.nullable() }),
    /** Leaving on purpose: the others close their connection to this peer at once. */
    z.object({ type: z.literal('bye'), from: peerId }),
  ],
  { error: 'type must be offer, answer, candidate or bye' },
);
export type SignalInput = z.infer<typeof signalInput>;

/**
 * The event stream's events (`event:` name → `data:` JSON). Every event but `welcome` carries an
 * `id:`; a reconnecting browser sends it back as `Last-Event-ID` and gets what it missed.
 */
export const roomEvents = {
  /** First event of every connection: who you are and who else is in the room now. */
  welcome: z.object({ you: roomPeer, peers: z.array(roomPeer) }),
  'peer-joined': roomPeer,
  'peer-left': z.object({ peerId }),
  offer: z.object({ from: peerId, payload: sessionDescription }),
  answer: z.object({ from: peerId, payload: sessionDescription }),
  candidate: z.object({ from: peerId, payload: iceCandidate.nullable() }),
  /** The visit ended (a clinician's End visit, or automatically): everyone's call ends. */
  'visit-ended': z.object({}),
} as const;
export type RoomEventName = keyof typeof roomEvents;
export type RoomEvent = { [K in RoomEventName]: { event: K; data: z.infer<(typeof roomEvents)[K]> } }[RoomEventName];

/** RTCIceServer: STUN/TURN servers the browsers use to find a path to each other. */
export const iceServer = z.object({
  urls: z.union([z.string(), z.array(z.string()).min(1)]).refine((urls) => (Array.isArray(urls) ? urls : [urls]).every((url) => /^(stun|stuns|turn|turns):\S+$/.test(url)), {
    error: 'ICE server urls must start with stun:, stuns:, turn: or turns:',
  }),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServer>;

/** GET /api/rooms/:roomId/config */
export const roomConfig = z.object({ iceServers: z.array(iceServer) });
export type RoomConfig = z.infer<typeof roomConfig>;

/**
 * Reads ROOM_ICE_SERVERS: a JSON array of RTCIceServer, e.g.
 * `[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478?transport=udp"],"username":"u","credential":"p"}]`.
 * Unset or blank is none (enough on loopback and a LAN). Returns the problem instead of throwing, so
 * the configuration can list it with the others.
 */
export function parseIceServers(value: string | undefined): { iceServers: IceServer[] } | { problem: string } {
  if (value === undefined || value.trim() === '') return { iceServers: [] };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { problem: 'ROOM_ICE_SERVERS must be a JSON array of RTCIceServer objects' };
  }
  const parsed = z.array(iceServer).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = (issue?.path ?? []).map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    return { problem: `ROOM_ICE_SERVERS${where}: ${issue?.message ?? 'is invalid'}` };
  }
  return { iceServers: parsed.data };
}

/**
 * Body of `POST /api/rooms/<roomId>/quality`: the browser's WebRTC statistics, one sample per ~5 s of
 * the call, sent when it leaves; the service grades them (domain/visits/call-quality.ts).
 */
export const callQualityInput = z.object({
  samples: z
    .array(
      z.object({
        rttMs: z.number().min(0).max(60_000).nullable(),
        packetLossPercent: z.number().min(0).max(100).nullable(),
        inboundKbps: z.number().min(0).max(1_000_000).nullable(),
      }),
    )
    .min(1, 'samples must hold at least one sample')
    .max(2_000, 'samples must hold at most 2000 samples'),
});
export type CallQualityInput = z.infer<typeof callQualityInput>;
