/**
 * The signalling channel of the built-in video rooms: who is in a room, and the offers, answers and
 * ICE candidates its browsers send each other, across every instance of the service.
 *
 * Each message is a row of `room_signals`; NOTIFY carries only "<room id> <row id>". That is because
 * an SDP offer can be larger than NOTIFY's 8000-byte payload, and because a row can be read again:
 * a browser whose event stream dropped asks for everything after its last event id. NOTIFY is sent at
 * commit, in commit order, so each instance sees one sender's messages in the order they were sent.
 *
 * LISTEN starts with the first subscriber of this instance and stops after the last one leaves, so
 * an instance holds no database connection for rooms nobody is in, and shutting down the HTTP server
 * (which closes every event stream) releases it before the database closes.
 */
import type { Logger } from 'pino';
import type { Database } from '../storage/database';
import { KeyedSubscribers } from './keyed-subscribers';

const NOTIFY_CHANNEL = 'rounds_room';
/** Signals are only useful while a call is being set up; peers not seen this long are gone. */
const KEEP_MINUTES = 10;
const SWEEP_EVERY_MS = 60_000;

export type RoomRole = 'patient' | 'guest' | 'clinician';
export type SignalKind = 'peer-joined' | 'peer-left' | 'offer' | 'answer' | 'candidate' | 'visit-ended';

export interface RoomSignal {
  id: number;
  roomId: string;
  from: string;
  /** Null: for everyone in the room but the sender. */
  to: string | null;
  kind: SignalKind;
  payload: unknown;
}

export interface PeerEntry {
  peerId: string;
  role: RoomRole;
  /** Whose peer this is: 'patient', or 'clinician:<user id>'. */
  owner: string;
}

type Subscriber = (signal: RoomSignal) => void;

type SignalRow = {
  id: string | number;
  room_id: string;
  from_peer: string;
  to_peer: string | null;
  kind: SignalKind;
  payload: unknown;
};

const toSignal = (row: SignalRow): RoomSignal => ({ id: Number(row.id), roomId: row.room_id, from: row.from_peer, to: row.to_peer, kind: row.kind, payload: row.payload });

/** Whether a signal is for this peer: addressed to it or to everyone, and not its own. */
export function isFor(signal: RoomSignal, peerId: string): boolean {
  return signal.from !== peerId && (signal.to === null || signal.to === peerId);
}

export class RoomSignals {
  private readonly subscribers = new KeyedSubscribers<Subscriber>();
  private unlisten: (() => Promise<void>) | null = null;
  /** LISTEN/UNLISTEN run one at a time, each deciding from the subscriber count at its turn. */
  private transitions: Promise<void> = Promise.resolve();
  /** Per room: rows are read and handed out in the order their notifications arrived. */
  private readonly deliveries = new Map<string, Promise<void>>();
  private lastSweep = 0;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    /** How long a peer whose stream is down still counts as in the room. */
    private readonly presenceMs = 75_000,
  ) {}

  /** Calls `subscriber` with every signal of the room from now on; resolves once listening. */
  async subscribe(roomId: string, subscriber: Subscriber): Promise<() => void> {
    const remove = this.subscribers.add(roomId, subscriber);
    let subscribed = true;
    const unsubscribe = () => {
      if (!subscribed) return;
      subscribed = false;
      remove();
      void this.transition(() => this.stopIfIdle());
    };
    try {
      await this.transition(() => this.startIfNeeded());
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /**
   * Puts the peer in the room (again, after a reconnect: then nobody is told). Returns the others
   * present, or null when this peer id belongs to someone else.
   */
  async join(roomId: string, peer: PeerEntry): Promise<{ peers: { peerId: string; role: RoomRole }[]; rejoined: boolean } | null> {
    this.sweepNow();
    const rows = await this.db.query<{ inserted: boolean }>(
      `INSERT INTO room_peers (room_id, peer_id, role, owner) VALUES ($1, $2, $3, $4)
       ON CONFLICT (room_id, peer_id) DO UPDATE SET seen_at = now() WHERE room_peers.owner = EXCLUDED.owner AND room_peers.role = EXCLUDED.role
       RETURNING (xmax = 0) AS inserted`,
      [roomId, peer.peerId, peer.role, peer.owner],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.inserted) await this.send(roomId, { from: peer.peerId, to: null, kind: 'peer-joined', payload: { role: peer.role } });
    const others = await this.db.query<{ peer_id: string; role: RoomRole }>(
      `SELECT peer_id, role FROM room_peers WHERE room_id = $1 AND peer_id <> $2 AND seen_at > now() - $3 * interval '1 millisecond' ORDER BY joined_at`,
      [roomId, peer.peerId, this.presenceMs],
    );
    return { peers: others.map((other) => ({ peerId: other.peer_id, role: other.role })), rejoined: !row.inserted };
  }

  /** Whether a peer with this role is in the room now (seen within the presence window). */
  async hasPresent(roomId: string, role: RoomRole): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM room_peers WHERE room_id = $1 AND role = $2 AND seen_at > now() - $3 * interval '1 millisecond' LIMIT 1`, [
      roomId,
      role,
      this.presenceMs,
    ]);
    return rows.length > 0;
  }

  /** Whose peers are in the room now (seen within the presence window): 'patient', 'guest:<id>', 'clinician:<user id>'. */
  async presentOwners(roomId: string): Promise<string[]> {
    const rows = await this.db.query<{ owner: string }>(`SELECT DISTINCT owner FROM room_peers WHERE room_id = $1 AND seen_at > now() - $2 * interval '1 millisecond' ORDER BY owner`, [
      roomId,
      this.presenceMs,
    ]);
    return rows.map((row) => row.owner);
  }

  /** How many peers other than `peerId` are in the room now (seen within the presence window). */
  async othersPresent(roomId: string, peerId: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM room_peers WHERE room_id = $1 AND peer_id <> $2 AND seen_at > now() - $3 * interval '1 millisecond'`,
      [roomId, peerId, this.presenceMs],
    );
    return rows[0]?.n ?? 0;
  }

  /** The peer's stream is still up. */
  async touch(roomId: string, peerId: string): Promise<void> {
    await this.db.query('UPDATE room_peers SET seen_at = now() WHERE room_id = $1 AND peer_id = $2', [roomId, peerId]);
  }

  /**
   * Whether anyone is in the room at `now` (a peer seen within the presence window), and when someone
   * last was: the newest sighting of a peer, or the newest departure. Null once both are swept.
   */
  async occupancy(roomId: string, now: Date): Promise<{ present: boolean; lastSeenAt: Date | null }> {
    const rows = await this.db.query<{ seen: Date | string | null; left: Date | string | null }>(
      `SELECT (SELECT max(seen_at) FROM room_peers WHERE room_id = $1) AS seen,
              (SELECT max(created_at) FROM room_signals WHERE room_id = $1 AND kind = 'peer-left') AS left`,
      [roomId],
    );
    const at = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : new Date(value));
    const seen = at(rows[0]?.seen);
    const left = at(rows[0]?.left);
    const present = seen !== null && seen.getTime() > now.getTime() - this.presenceMs;
    const times = [seen, left].filter((value): value is Date => value !== null).map((value) => value.getTime());
    return { present, lastSeenAt: times.length > 0 ? new Date(Math.max(...times)) : null };
  }

  /** Whether `peerId` is in the room and belongs to `owner` (who may then speak as it). */
  async owns(roomId: string, peerId: string, owner: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM room_peers WHERE room_id = $1 AND peer_id = $2 AND owner = $3', [roomId, peerId, owner]);
    return rows.length > 0;
  }

  /** Takes the peer out of the room and tells the others. */
  async leave(roomId: string, peerId: string): Promise<void> {
    const removed = await this.db.query('DELETE FROM room_peers WHERE room_id = $1 AND peer_id = $2 RETURNING peer_id', [roomId, peerId]);
    if (removed.length > 0) await this.send(roomId, { from: peerId, to: null, kind: 'peer-left', payload: {} });
  }

  /** The visit is over: every browser in the room ends its call. */
  async closeRoom(roomId: string): Promise<void> {
    await this.send(roomId, { from: 'rounds', to: null, kind: 'visit-ended', payload: {} });
  }

  /** Stores the signal and notifies every instance; returns its id. */
  async send(roomId: string, signal: Omit<RoomSignal, 'id' | 'roomId'>): Promise<number> {
    const rows = await this.db.query<{ id: string | number }>(
      `WITH row AS (
         INSERT INTO room_signals (room_id, from_peer, to_peer, kind, payload) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id
       )
       SELECT id, pg_notify($6, $1 || ' ' || id::text) FROM row`,
      [roomId, signal.from, signal.to, signal.kind, JSON.stringify(signal.payload ?? null), NOTIFY_CHANNEL],
    );
    return Number(rows[0]?.id);
  }

  /** What `peerId` missed after event `afterId` (a reconnecting stream), oldest first. */
  async since(roomId: string, peerId: string, afterId: number): Promise<RoomSignal[]> {
    const rows = await this.db.query<SignalRow>(
      `SELECT id, room_id, from_peer, to_peer, kind, payload FROM room_signals
       WHERE room_id = $1 AND id > $2 AND from_peer <> $3 AND (to_peer IS NULL OR to_peer = $3) ORDER BY id`,
      [roomId, afterId, peerId],
    );
    return rows.map(toSignal);
  }

  get watching(): number {
    return this.subscribers.size;
  }

  private transition(work: () => Promise<void>): Promise<void> {
    const next = this.transitions.then(work);
    // A failed LISTEN must not block the ones after it; its caller sees the failure.
    this.transitions = next.catch(() => undefined);
    return next;
  }

  private async startIfNeeded(): Promise<void> {
    if (this.unlisten || this.subscribers.size === 0) return;
    this.unlisten = await this.db.listen(NOTIFY_CHANNEL, (payload) => this.notified(payload));
  }

  private async stopIfIdle(): Promise<void> {
    if (!this.unlisten || this.subscribers.size > 0) return;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten().catch((error: unknown) => this.logger.warn({ err: error }, 'could not stop listening for room signals'));
  }

  private notified(payload: string): void {
    const [roomId, id] = payload.split(' ');
    if (!roomId || !id || !this.subscribers.has(roomId)) return;
    const previous = this.deliveries.get(roomId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(roomId, Number(id)));
    this.deliveries.set(roomId, next);
    void next.finally(() => {
      if (this.deliveries.get(roomId) === next) this.deliveries.delete(roomId);
    });
  }

  private async deliver(roomId: string, id: number): Promise<void> {
    try {
      const rows = await this.db.query<SignalRow>('SELECT id, room_id, from_peer, to_peer, kind, payload FROM room_signals WHERE id = $1', [id]);
      const row = rows[0];
      if (!row) return;
      const signal = toSignal(row);
      for (const subscriber of this.subscribers.of(roomId)) subscriber(signal);
    } catch (error) {
      // The browsers recover: a connection with no progress sends its offer again or restarts ICE (tabs/src/room/peer-link.ts).
      this.logger.warn({ err: error }, 'room signal could not be delivered');
    }
  }

  /** Old signals and long-gone peers go, at most once a minute per instance, off the request's path. */
  private sweepNow(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    const cutoff = `now() - interval '${KEEP_MINUTES} minutes'`;
    void Promise.all([
      this.db.query(`DELETE FROM room_signals WHERE created_at < ${cutoff}`),
      this.db.query(`DELETE FROM room_peers WHERE seen_at < ${cutoff}`),
    ]).catch((error: unknown) => this.logger.warn({ err: error }, 'old room signals could not be removed'));
  }
}
