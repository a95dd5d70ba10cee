/**
 * One browser's presence in a room: checks it may enter, turns on the camera and microphone, follows
 * the room's event stream and keeps one PeerLink per other browser. Framework-free; the page renders
 * its snapshots. Media flows between the browsers, so a dropped event stream does not end a call.
 */
import { readStats, sampleBetween, type CallSample, type StatsReading } from './call-stats';
import type { IceServer, RoomEvent, RoomRole } from '../../../bot/src/contracts/room-api';
import { openLocalMedia } from './local-media';
import type { GetUserMedia } from './local-media';
import { PeerLink } from './peer-link';
import { ApiError } from '../shared/api-error';
import { refused } from './room-client';
import type { RoomClient } from './room-client';
import type { SignalStream, SignalStreamOptions, StreamStatus } from './signal-stream';
import type { Timers } from '../shared/timers';

export interface RemoteView {
  peerId: string;
  /** Null until the room says who this is. */
  role: RoomRole | null;
  stream: MediaStream | null;
  state: RTCPeerConnectionState;
}

export type RoomPhase = 'starting' | 'in-room' | 'left' | 'refused';

export interface RoomSnapshot {
  phase: RoomPhase;
  /** Who this browser is in the room (from the service), once known. */
  role: RoomRole | null;
  stream: StreamStatus;
  local: MediaStream | null;
  mediaProblem: string | null;
  hasMicrophone: boolean;
  hasCamera: boolean;
  micOn: boolean;
  cameraOn: boolean;
  remotes: RemoteView[];
  /** Why the room refused this browser (phase `refused`). */
  error: ApiError | null;
  /** The visit ended (phase `left`): nobody can rejoin. */
  visitEnded: boolean;
  /** Why "End visit" did not work, while still in the room. */
  actionProblem: string | null;
  /** Call-quality samples taken so far (reported as the page leaves; none yet means nothing to report). */
  callSamples: number;
}

export interface RoomSessionDeps {
  client: RoomClient;
  peerId: string;
  getUserMedia: GetUserMedia | undefined;
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  openStream(options: SignalStreamOptions): SignalStream;
  /** Runs `sample` every `ms` until the returned stop; setInterval by default. */
  every?: (ms: number, sample: () => void) => () => void;
  now?: () => number;
  /** For each connection's wait for progress; the browser's by default. */
  timers?: Timers;
}

/** How often the call's statistics are read. */
export const QUALITY_SAMPLE_MS = 5_000;
/** The most samples one page reports (the contract's limit: about 2.7 hours of call). */
const MAX_SAMPLES = 2_000;

const INITIAL: RoomSnapshot = {
  phase: 'starting',
  role: null,
  stream: 'connecting',
  local: null,
  mediaProblem: null,
  hasMicrophone: false,
  hasCamera: false,
  micOn: false,
  cameraOn: false,
  remotes: [],
  error: null,
  visitEnded: false,
  actionProblem: null,
  callSamples: 0,
};

export class RoomSession {
  private current: RoomSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly links = new Map<string, PeerLink>();
  private readonly roles = new Map<string, RoomRole>();
  private iceServers: IceServer[] = [];
  private local: MediaStream | null = null;
  private mediaProblem: string | null = null;
  private events: SignalStream | null = null;
  private streamStatus: StreamStatus = 'connecting';
  private phase: RoomPhase = 'starting';
  private role: RoomRole | null = null;
  private error: ApiError | null = null;
  private ended = false;
  private visitEnded = false;
  private actionProblem: string | null = null;
  /** Each connection and its previous statistics reading; the samples taken so far. */
  private readonly readings = new Map<string, { pc: RTCPeerConnection; last: StatsReading | null }>();
  private readonly samples: CallSample[] = [];
  private stopSampling: (() => void) | null = null;
  /** Aborted as this browser leaves: its signals still queued are not sent. */
  private readonly leaving = new AbortController();

  constructor(private readonly deps: RoomSessionDeps) {}

  get snapshot(): RoomSnapshot {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks the room first, so a browser that may not enter never turns its camera on. */
  async start(): Promise<void> {
    try {
      this.iceServers = (await this.deps.client.config()).iceServers;
    } catch (error) {
      if (refused(error)) return this.refuse(error);
      // Not reachable right now: the event stream keeps trying; on loopback and a LAN no ICE server is needed.
      console.warn('room settings could not be read', error);
    }
    if (this.ended) return;
    const media = await openLocalMedia(this.deps.getUserMedia);
    if (this.ended) {
      stopTracks(media.stream);
      return;
    }
    this.local = media.stream;
    this.mediaProblem = media.problem;
    const every = this.deps.every ?? ((ms, sample) => {
      const timer = setInterval(sample, ms);
      return () => clearInterval(timer);
    });
    this.stopSampling = every(QUALITY_SAMPLE_MS, () => void this.sampleCalls());
    this.emit();
    this.events = this.deps.openStream({
      url: this.deps.client.eventsUrl(this.deps.peerId),
      headers: this.deps.client.headers,
      fetch: this.deps.client.fetch,
      onEvent: (event) => this.onEvent(event),
      onStatus: (status) => {
        this.streamStatus = status;
        this.emit();
      },
      onRefused: (error) => this.refuse(error),
    });
  }

  toggleMicrophone(): void {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !track.enabled;
    this.emit();
  }

  toggleCamera(): void {
    for (const track of this.local?.getVideoTracks() ?? []) track.enabled = !track.enabled;
    this.emit();
  }

  /** Leaves on purpose: the others are told at once. */
  leave(): void {
    if (this.ended) return;
    if (this.phase === 'in-room') this.deps.client.leave(this.deps.peerId);
    this.end('left');
  }

  /** A clinician's End visit: the visit ends for everyone (the others learn it from their event stream). */
  async endVisit(): Promise<void> {
    if (this.ended) return;
    this.actionProblem = null;
    try {
      await this.deps.client.endVisit();
    } catch (error) {
      this.actionProblem = error instanceof ApiError ? error.message : 'The visit could not be ended. Try again.';
      this.emit();
      return;
    }
    this.visitEnded = true;
    this.end('left');
  }

  private onEvent(event: RoomEvent): void {
    if (this.ended) return;
    switch (event.event) {
      case 'welcome':
        this.phase = 'in-room';
        this.role = event.data.you.role;
        for (const peer of event.data.peers) {
          this.roles.set(peer.peerId, peer.role);
          // The newcomer calls everyone already there; they answer.
          if (!this.links.has(peer.peerId)) this.link(peer.peerId);
        }
        break;
      case 'peer-joined':
        this.roles.set(event.data.peerId, event.data.role);
        // Someone (re)joined: connections that failed belong to browsers that went away without a word.
        for (const [peerId, link] of this.links) if (link.state === 'failed' || link.state === 'closed') this.drop(peerId);
        break;
      case 'peer-left':
        this.drop(event.data.peerId);
        this.roles.delete(event.data.peerId);
        break;
      case 'offer':
        void (this.links.get(event.data.from) ?? this.link(event.data.from)).receive({ type: 'offer', payload: event.data.payload });
        break;
      case 'answer':
        void this.links.get(event.data.from)?.receive({ type: 'answer', payload: event.data.payload });
        break;
      case 'candidate':
        void this.links.get(event.data.from)?.receive({ type: 'candidate', payload: event.data.payload });
        break;
      case 'visit-ended':
        this.visitEnded = true;
        this.end('left');
        return;
    }
    this.emit();
  }

  /** One sample per connection since the last reading (a connection's first reading only sets the baseline). */
  private async sampleCalls(): Promise<void> {
    const now = this.deps.now ?? (() => Date.now());
    const taken = this.samples.length;
    for (const entry of this.readings.values()) {
      if (typeof entry.pc.getStats !== 'function') continue;
      try {
        const reading = readStats((await entry.pc.getStats()).values() as Iterable<{ type: string }>, now());
        if (entry.last && this.samples.length < MAX_SAMPLES) this.samples.push(sampleBetween(entry.last, reading));
        entry.last = reading;
      } catch (error) {
        console.warn('call statistics could not be read', error);
      }
    }
    if (this.samples.length !== taken && !this.ended) this.emit();
  }

  private link(peerId: string): PeerLink {
    const pc = this.deps.createPeerConnection({ iceServers: this.iceServers });
    this.readings.set(peerId, { pc, last: null });
    const link = new PeerLink({
      remote: peerId,
      // Both sides compare the same two ids, so exactly one of them is polite.
      polite: this.deps.peerId < peerId,
      pc,
      local: this.local,
      send: (signal) => {
        this.deps.client.signal({ ...signal, from: this.deps.peerId, to: peerId }, this.leaving.signal).catch((error: unknown) => {
          if (this.ended) return;
          if (refused(error)) this.refuse(error);
          else console.warn('a signal to the other browser was not delivered', error);
        });
      },
      onChange: () => this.emit(),
      onError: (error) => console.warn('the connection to the other browser could not be updated', error),
      timers: this.deps.timers,
    });
    this.links.set(peerId, link);
    return link;
  }

  private drop(peerId: string): void {
    const link = this.links.get(peerId);
    if (!link) return;
    this.links.delete(peerId);
    this.readings.delete(peerId);
    link.close();
  }

  private refuse(error: ApiError): void {
    // The visit ended while this page was in the call (its "visit-ended" event may still be on its way).
    if (this.phase === 'in-room' && error.status === 409 && error.field === 'visit') {
      this.visitEnded = true;
      this.end('left');
      return;
    }
    this.error = error;
    this.end('refused');
  }

  private end(phase: 'left' | 'refused'): void {
    if (this.ended) return;
    this.ended = true;
    this.leaving.abort();
    this.phase = phase;
    this.stopSampling?.();
    // Someone who was in the call reports how it went; a browser the room refused has nothing to say.
    if (phase === 'left' && this.samples.length > 0) this.deps.client.reportQuality(this.samples);
    this.events?.stop();
    for (const peerId of [...this.links.keys()]) this.drop(peerId);
    stopTracks(this.local);
    this.local = null;
    this.emit();
  }

  private emit(): void {
    const audio = this.local?.getAudioTracks() ?? [];
    const video = this.local?.getVideoTracks() ?? [];
    this.current = {
      phase: this.phase,
      role: this.role,
      stream: this.streamStatus,
      local: this.local,
      mediaProblem: this.mediaProblem,
      hasMicrophone: audio.length > 0,
      hasCamera: video.length > 0,
      micOn: audio.some((track) => track.enabled),
      cameraOn: video.some((track) => track.enabled),
      remotes: [...this.links.values()].map((link) => ({ peerId: link.remote, role: this.roles.get(link.remote) ?? null, stream: link.remoteStream, state: link.state })),
      error: this.error,
      visitEnded: this.visitEnded,
      actionProblem: this.actionProblem,
      callSamples: this.samples.length,
    };
    for (const listener of this.listeners) listener();
  }
}

function stopTracks(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
