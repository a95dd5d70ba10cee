/**
 * One WebRTC connection to one other browser in the room, negotiated with the "perfect negotiation"
 * pattern (W3C WebRTC 1.0, §10.7): both sides may offer at any time (joining, an ICE restart); when
 * two offers cross, the polite side yields. Which side is polite is decided by comparing peer ids,
 * so both agree without a round trip.
 *
 * A signal can be lost on the way (a request that failed, an event stream that dropped before its
 * first event). Two browsers then wait for each other for good, both showing "new". So a connection
 * with no ICE progress some seconds after its last offer or answer tries again, with backoff (the other
 * browser may have gone without a word): an offer still unanswered is sent again as it was, with its
 * candidates (the answer may only be slow: taking the offer back would break what the other side has
 * already applied); otherwise ICE restarts, which negotiates afresh.
 */
import type { IceCandidate, SessionDescription } from '../../../bot/src/contracts/room-api';
import { browserTimers, type Timers } from '../shared/timers';

export type OutgoingSignal = { type: 'offer' | 'answer'; payload: SessionDescription } | { type: 'candidate'; payload: IceCandidate | null };

export type IncomingSignal = { type: 'offer' | 'answer'; payload: SessionDescription } | { type: 'candidate'; payload: IceCandidate | null };

export interface PeerLinkOptions {
  /** The other browser's peer id. */
  remote: string;
  polite: boolean;
  pc: RTCPeerConnection;
  /** What this browser sends; null when it has neither camera nor microphone (it still receives). */
  local: MediaStream | null;
  send(signal: OutgoingSignal): void;
  /** The connection state or the remote media changed. */
  onChange(): void;
  onError(error: unknown): void;
  timers?: Timers;
}

/** How long a connection may show no ICE progress before it tries again; doubled each time, up to a minute. */
export const STALLED_MS = 8_000;
const MAX_STALLED_MS = 60_000;

export class PeerLink {
  readonly remote: string;
  remoteStream: MediaStream | null = null;
  private readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  /** Incoming signals are applied one after the other, in the order they came. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly timers: Timers;
  private stallTimer: unknown = null;
  private renegotiations = 0;
  /** The candidates sent since the last offer or answer, sent again with it. */
  private candidates: OutgoingSignal[] = [];

  constructor(private readonly options: PeerLinkOptions) {
    this.timers = options.timers ?? browserTimers;
    this.remote = options.remote;
    const pc = options.pc;
    this.pc = pc;
    const local = options.local;
    const tracks = local?.getTracks() ?? [];
    if (local) for (const track of tracks) pc.addTrack(track, local);
    // Without a camera or microphone of our own, still ask to receive the other side's.
    for (const kind of ['audio', 'video'] as const) {
      if (!tracks.some((track) => track.kind === kind)) pc.addTransceiver(kind, { direction: 'recvonly' });
    }

    pc.onnegotiationneeded = () => {
      void this.offer();
    };
    pc.onicecandidate = ({ candidate }) => {
      const signal: OutgoingSignal = { type: 'candidate', payload: candidate ? candidateInit(candidate) : null };
      this.candidates.push(signal);
      options.send(signal);
    };
    pc.ontrack = ({ streams }) => {
      const stream = streams[0];
      if (stream && stream !== this.remoteStream) {
        this.remoteStream = stream;
        options.onChange();
      }
    };
    pc.onconnectionstatechange = () => {
      // Progress: from here a path that stops working ends in "failed", which restarts ICE (and renegotiates).
      if (pc.connectionState !== 'new') this.stopWatching();
      if (pc.connectionState === 'failed') pc.restartIce();
      options.onChange();
    };
    this.watch();
  }

  get state(): RTCPeerConnectionState {
    return this.closed ? 'closed' : this.pc.connectionState;
  }

  receive(signal: IncomingSignal): Promise<void> {
    const next = this.queue.then(() => this.apply(signal));
    this.queue = next.catch((error: unknown) => {
      if (!this.closed) this.options.onError(error);
    });
    return this.queue;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.options.onChange();
  }

  private async offer(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    } catch (error) {
      if (!this.closed) this.options.onError(error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async apply(signal: IncomingSignal): Promise<void> {
    if (this.closed) return;
    if (signal.type === 'candidate') {
      try {
        await this.pc.addIceCandidate(signal.payload ?? undefined);
      } catch (error) {
        // Candidates of an offer we chose to ignore fail to apply: expected, nothing to report.
        if (!this.ignoreOffer) throw error;
      }
      return;
    }
    const description = signal.payload;
    const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.options.polite && collision;
    if (this.ignoreOffer) return;
    this.settingRemoteAnswer = description.type === 'answer';
    try {
      await this.pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswer = false;
    }
    if (description.type === 'offer') {
      await this.pc.setLocalDescription();
      this.sendLocalDescription();
    }
  }

  private sendLocalDescription(): void {
    const description = this.pc.localDescription;
    if (this.closed || !description || (description.type !== 'offer' && description.type !== 'answer')) return;
    this.candidates = [];
    this.options.send({ type: description.type, payload: { type: description.type, sdp: description.sdp } });
    this.watch();
  }

  /** (Re)starts the wait for ICE progress, unless there is some already. */
  private watch(): void {
    this.stopWatching();
    if (this.closed || this.pc.connectionState !== 'new') return;
    const wait = Math.min(MAX_STALLED_MS, STALLED_MS * 2 ** this.renegotiations);
    this.stallTimer = this.timers.setTimeout(() => {
      this.stallTimer = null;
      this.queue = this.queue.then(() => this.tryAgain()).catch((error: unknown) => {
        if (!this.closed) this.options.onError(error);
      });
    }, wait);
  }

  private stopWatching(): void {
    if (this.stallTimer !== null) this.timers.clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  /**
   * Nothing came of the last offer or answer. An offer still unanswered goes again, as it was, with its
   * candidates; otherwise ICE restarts (restartIce fires negotiationneeded: a new offer). An offer being
   * answered right now is left to finish.
   */
  private tryAgain(): void {
    if (this.closed || this.pc.connectionState !== 'new' || this.pc.signalingState === 'have-remote-offer') return this.watch();
    this.renegotiations += 1;
    const offer = this.pc.localDescription;
    if (this.pc.signalingState === 'have-local-offer' && offer?.type === 'offer') {
      this.options.send({ type: 'offer', payload: { type: 'offer', sdp: offer.sdp } });
      for (const candidate of this.candidates) this.options.send(candidate);
    } else {
      this.pc.restartIce();
    }
    this.watch();
  }
}

function candidateInit(candidate: RTCIceCandidate): IceCandidate {
  const init = candidate.toJSON();
  return {
    candidate: init.candidate ?? '',
    sdpMid: init.sdpMid ?? null,
    sdpMLineIndex: init.sdpMLineIndex ?? null,
    usernameFragment: init.usernameFragment ?? null,
  };
}
