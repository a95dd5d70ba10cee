/**
 * One WebRTC connection to one other browser in the room, negotiated with the "perfect negotiation"
 * pattern (W3C WebRTC 1.0, §10.7): both sides may offer at any time (joining, an ICE restart); when
 * two offers cross, the polite side yields. Which side is polite is decided by comparing peer ids,
 * so both agree without a round trip.
 */
import type { IceCandidate, SessionDescription } from '../../../bot/src/contracts/room-api';

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
}

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

  constructor(private readonly options: PeerLinkOptions) {
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
      options.send({ type: 'candidate', payload: candidate ? candidateInit(candidate) : null });
    };
    pc.ontrack = ({ streams }) => {
      const stream = streams[0];
      if (stream && stream !== this.remoteStream) {
        this.remoteStream = stream;
        options.onChange();
      }
    };
    pc.onconnectionstatechange = () => {
      // A path that stopped working: look for another (ICE restart, which renegotiates).
      if (pc.connectionState === 'failed') pc.restartIce();
      options.onChange();
    };
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
    this.options.send({ type: description.type, payload: { type: description.type, sdp: description.sdp } });
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
