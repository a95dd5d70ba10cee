import { PeerLink, STALLED_MS } from './peer-link';
import type { OutgoingSignal } from './peer-link';

/** Just enough of RTCPeerConnection to follow the signalling states of perfect negotiation. */
class FakePeerConnection {
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: { type: RTCSdpType; sdp: string } | null = null;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((event: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  ontrack: ((event: { streams: MediaStream[] }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  readonly tracks: string[] = [];
  readonly transceivers: string[] = [];
  readonly candidates: unknown[] = [];
  restarts = 0;
  closed = false;

  addTrack(track: MediaStreamTrack) {
    this.tracks.push(track.kind);
  }
  addTransceiver(kind: string) {
    this.transceivers.push(kind);
  }
  async setLocalDescription() {
    if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: 'answer-sdp' };
      this.signalingState = 'stable';
    } else {
      this.localDescription = { type: 'offer', sdp: 'offer-sdp' };
      this.signalingState = 'have-local-offer';
    }
  }
  async setRemoteDescription(description: { type: RTCSdpType; sdp: string }) {
    if (description.type === 'offer' && this.signalingState === 'have-local-offer') this.signalingState = 'stable'; // implicit rollback
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async addIceCandidate(candidate: unknown) {
    if (!this.remoteDescription) throw new Error('no remote description');
    this.candidates.push(candidate);
  }
  /** As in a browser: a restart needs negotiation, announced once the signalling state is stable. */
  restartIce() {
    this.restarts += 1;
    if (this.signalingState === 'stable') this.onnegotiationneeded?.();
  }
  close() {
    this.closed = true;
  }
  becomes(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

const track = (kind: string) => ({ kind, enabled: true, stop: jest.fn() }) as unknown as MediaStreamTrack;
const localStream = (...kinds: string[]) => ({ getTracks: () => kinds.map(track) }) as unknown as MediaStream;

/** Timers run by hand: `elapse` runs the one wait set, and says how long it was. */
function manualTimers() {
  let pending: { callback: () => void; ms: number } | null = null;
  return {
    setTimeout: (callback: () => void, ms: number) => {
      pending = { callback, ms };
      return pending;
    },
    clearTimeout: (handle: unknown) => {
      if (handle === pending) pending = null;
    },
    get waiting() {
      return pending?.ms ?? null;
    },
    elapse() {
      const due = pending;
      pending = null;
      due?.callback();
      return due?.ms ?? null;
    },
  };
}

function linkWith(options: { polite: boolean; local?: MediaStream | null }) {
  const pc = new FakePeerConnection();
  const timers = manualTimers();
  const sent: OutgoingSignal[] = [];
  const onChange = jest.fn();
  const onError = jest.fn();
  const link = new PeerLink({
    remote: 'other-peer',
    polite: options.polite,
    pc: pc as unknown as RTCPeerConnection,
    local: options.local === undefined ? localStream('audio', 'video') : options.local,
    send: (signal) => sent.push(signal),
    onChange,
    onError,
    timers,
  });
  return { pc, sent, link, onChange, onError, timers };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('one WebRTC connection', () => {
  it('sends this browser’s camera and microphone, and asks to receive what it has not got', () => {
    expect(linkWith({ polite: true }).pc.tracks).toEqual(['audio', 'video']);
    const { pc } = linkWith({ polite: true, local: localStream('audio') });
    expect(pc.transceivers).toEqual(['video']);
    expect(linkWith({ polite: true, local: null }).pc.transceivers).toEqual(['audio', 'video']);
  });

  it('offers when negotiation is needed, and sends its ICE candidates (null at the end)', async () => {
    const { pc, sent } = linkWith({ polite: false });
    pc.onnegotiationneeded?.();
    await tick();
    pc.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 }) } });
    pc.onicecandidate?.({ candidate: null });
    expect(sent).toEqual([
      { type: 'offer', payload: { type: 'offer', sdp: 'offer-sdp' } },
      { type: 'candidate', payload: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null } },
      { type: 'candidate', payload: null },
    ]);
  });

  it('answers an offer, then takes its candidates', async () => {
    const { pc, sent, link } = linkWith({ polite: false });
    void link.receive({ type: 'offer', payload: { type: 'offer', sdp: 'their-offer' } });
    await link.receive({ type: 'candidate', payload: { candidate: 'candidate:2', sdpMid: '0', sdpMLineIndex: 0 } });
    expect(pc.remoteDescription).toEqual({ type: 'offer', sdp: 'their-offer' });
    expect(sent).toEqual([{ type: 'answer', payload: { type: 'answer', sdp: 'answer-sdp' } }]);
    expect(pc.candidates).toHaveLength(1);
  });

  it('when offers cross, the impolite side keeps its own and ignores theirs (and their candidates, quietly)', async () => {
    const { pc, sent, link, onError } = linkWith({ polite: false });
    pc.onnegotiationneeded?.();
    await tick();
    await link.receive({ type: 'offer', payload: { type: 'offer', sdp: 'their-offer' } });
    await link.receive({ type: 'candidate', payload: { candidate: 'candidate:3' } });
    expect(pc.remoteDescription).toBeNull();
    expect(sent.map((signal) => signal.type)).toEqual(['offer']);
    expect(onError).not.toHaveBeenCalled();
  });

  it('when offers cross, the polite side yields and answers theirs', async () => {
    const { pc, sent, link } = linkWith({ polite: true });
    pc.onnegotiationneeded?.();
    await tick();
    await link.receive({ type: 'offer', payload: { type: 'offer', sdp: 'their-offer' } });
    expect(pc.remoteDescription).toEqual({ type: 'offer', sdp: 'their-offer' });
    expect(sent.map((signal) => signal.type)).toEqual(['offer', 'answer']);
  });

  it('shows the remote video, restarts ICE when the path fails, and stops for good when closed', async () => {
    const { pc, link, onChange } = linkWith({ polite: true });
    const remote = {} as MediaStream;
    pc.ontrack?.({ streams: [remote] });
    expect(link.remoteStream).toBe(remote);
    pc.becomes('connected');
    expect(link.state).toBe('connected');
    pc.becomes('failed');
    expect(pc.restarts).toBe(1);
    link.close();
    expect(pc.closed).toBe(true);
    expect(link.state).toBe('closed');
    await link.receive({ type: 'offer', payload: { type: 'offer', sdp: 'late' } });
    expect(pc.remoteDescription).toBeNull();
    expect(onChange).toHaveBeenCalled();
  });

  describe('when a signal is lost on the way', () => {
    it('sends an offer nothing came of again, as it was, with its candidates (the answer may only be slow)', async () => {
      const { pc, sent, timers } = linkWith({ polite: false });
      pc.onnegotiationneeded?.();
      await tick();
      pc.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 }) } });
      expect(timers.elapse()).toBe(STALLED_MS);
      await tick();
      expect(pc.restarts).toBe(0);
      expect(pc.signalingState).toBe('have-local-offer');
      expect(sent.map((signal) => signal.type)).toEqual(['offer', 'candidate', 'offer', 'candidate']);
      expect(sent[2]).toEqual(sent[0]);
      expect(sent[3]).toEqual(sent[1]);
    });

    it('restarts ICE, offering from its side, when the other side’s offer never came', async () => {
      const { pc, sent, timers } = linkWith({ polite: true });
      expect(timers.elapse()).toBe(STALLED_MS);
      await tick();
      expect(pc.restarts).toBe(1);
      expect(sent.map((signal) => signal.type)).toEqual(['offer']);
    });

    it('waits twice as long each time, up to a minute (the other browser may be gone)', async () => {
      const { pc, timers } = linkWith({ polite: false });
      pc.onnegotiationneeded?.();
      await tick();
      const waits: (number | null)[] = [];
      for (let i = 0; i < 5; i++) {
        waits.push(timers.elapse());
        await tick();
      }
      expect(waits).toEqual([STALLED_MS, 2 * STALLED_MS, 4 * STALLED_MS, 60_000, 60_000]);
    });

    it('leaves a connection alone once ICE makes progress, and stops watching when closed', async () => {
      const { pc, link, timers } = linkWith({ polite: false });
      pc.onnegotiationneeded?.();
      await tick();
      pc.becomes('connecting');
      expect(timers.waiting).toBeNull();
      const other = linkWith({ polite: false });
      other.link.close();
      expect(other.timers.waiting).toBeNull();
      expect(link.state).toBe('connecting');
    });

    it('lets an offer it is answering finish before it would offer again', async () => {
      const { pc, sent, link, timers } = linkWith({ polite: true });
      pc.setRemoteDescription = async (description) => {
        pc.remoteDescription = description;
        pc.signalingState = 'have-remote-offer';
        await new Promise(() => undefined);
      };
      void link.receive({ type: 'offer', payload: { type: 'offer', sdp: 'their-offer' } });
      await tick();
      timers.elapse();
      await tick();
      expect(pc.restarts).toBe(0);
      expect(sent).toEqual([]);
    });
  });
});
