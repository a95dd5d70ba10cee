import type { RoomEvent } from '../../../bot/src/contracts/room-api';
import { ApiError } from '../shared/api-error';
import { RoomSession } from './room-session';
import type { SignalStreamOptions } from './signal-stream';

/** A peer connection that records what the session did with it. */
function fakePeerConnection() {
  return {
    connectionState: 'new' as RTCPeerConnectionState,
    signalingState: 'stable' as RTCSignalingState,
    localDescription: null as { type: RTCSdpType; sdp: string } | null,
    onnegotiationneeded: null as (() => void) | null,
    onicecandidate: null,
    ontrack: null,
    onconnectionstatechange: null as (() => void) | null,
    addTrack: jest.fn(),
    addTransceiver: jest.fn(),
    setLocalDescription: jest.fn(async function (this: { signalingState: RTCSignalingState; localDescription: unknown }) {
      this.localDescription = this.signalingState === 'have-remote-offer' ? { type: 'answer', sdp: 'answer' } : { type: 'offer', sdp: 'offer' };
      this.signalingState = this.signalingState === 'have-remote-offer' ? 'stable' : 'have-local-offer';
    }),
    setRemoteDescription: jest.fn(async function (this: { signalingState: RTCSignalingState }, description: { type: string }) {
      this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
    }),
    addIceCandidate: jest.fn(async () => undefined),
    restartIce: jest.fn(),
    close: jest.fn(),
  };
}
type FakePc = ReturnType<typeof fakePeerConnection>;

const track = (kind: 'audio' | 'video') => ({ kind, enabled: true, stop: jest.fn() });

function setUp(options: { config?: () => Promise<{ iceServers: { urls: string }[] }>; endVisit?: () => Promise<undefined> } = {}) {
  const tracks = [track('audio'), track('video')];
  const local = {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
  const getUserMedia = jest.fn(async () => local);
  const pcs: FakePc[] = [];
  const pcConfigs: RTCConfiguration[] = [];
  let stream: SignalStreamOptions | null = null;
  const stopStream = jest.fn();
  const client = {
    config: jest.fn(options.config ?? (async () => ({ iceServers: [{ urls: 'stun:stun.example.org' }] }))),
    signal: jest.fn(async () => undefined),
    leave: jest.fn(),
    endVisit: jest.fn(options.endVisit ?? (async () => undefined)),
    reportQuality: jest.fn(),
    eventsUrl: (peerId: string) => `/api/rooms/room/events?peer=${peerId}`,
    headers: async () => ({}),
    fetch: jest.fn(),
  };
  let sampleNow: (() => void) | null = null;
  let clock = 0;
  const session = new RoomSession({
    client,
    peerId: 'mmmm-me-0',
    every: (_ms, sample) => {
      sampleNow = sample;
      return () => {
        sampleNow = null;
      };
    },
    now: () => clock,
    // The connections' waits for progress are peer-link.test.ts's; here they never end.
    timers: { setTimeout: () => null, clearTimeout: () => undefined },
    getUserMedia,
    createPeerConnection: (config) => {
      pcConfigs.push(config);
      const pc = fakePeerConnection();
      pcs.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
    openStream: (streamOptions) => {
      stream = streamOptions;
      return { stop: stopStream };
    },
  });
  const send = (event: RoomEvent) => stream!.onEvent(event);
  /** Five seconds pass and the session reads the call's statistics. */
  const sampleAfter5s = async () => {
    clock += 5000;
    sampleNow?.();
    await tick();
  };
  return { session, client, getUserMedia, pcs, pcConfigs, tracks, send, stopStream, stream: () => stream, sampleAfter5s, sampling: () => sampleNow !== null };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a browser in a room', () => {
  it('asks the room first: a browser that may not enter never turns its camera on', async () => {
    const { session, getUserMedia, stream } = setUp({
      config: async () => {
        throw new ApiError({ code: 'forbidden', message: 'Not yet.', status: 403 });
      },
    });
    await session.start();
    expect(getUserMedia).not.toHaveBeenCalled();
    expect(stream()).toBeNull();
    expect(session.snapshot).toMatchObject({ phase: 'refused', error: { message: 'Not yet.' } });
  });

  it('calls everyone already there, with the ICE servers of the room', async () => {
    const { session, send, pcs, pcConfigs, client } = setUp();
    await session.start();
    expect(session.snapshot).toMatchObject({ phase: 'starting', hasCamera: true, hasMicrophone: true, micOn: true, cameraOn: true });
    send({ event: 'welcome', data: { you: { peerId: 'mmmm-me-0', role: 'patient' }, peers: [{ peerId: 'zzzz-doc-1', role: 'clinician' }] } });
    expect(pcConfigs).toEqual([{ iceServers: [{ urls: 'stun:stun.example.org' }] }]);
    expect(pcs[0]!.addTrack).toHaveBeenCalledTimes(2);
    pcs[0]!.onnegotiationneeded?.();
    await tick();
    expect(client.signal).toHaveBeenCalledWith({ type: 'offer', payload: { type: 'offer', sdp: 'offer' }, from: 'mmmm-me-0', to: 'zzzz-doc-1' }, expect.any(AbortSignal));
    expect(session.snapshot).toMatchObject({ phase: 'in-room', role: 'patient', remotes: [{ peerId: 'zzzz-doc-1', role: 'clinician', state: 'new' }] });
  });

  it('answers whoever calls it, and forgets them when they leave', async () => {
    const { session, send, pcs, client } = setUp();
    await session.start();
    send({ event: 'welcome', data: { you: { peerId: 'mmmm-me-0', role: 'clinician' }, peers: [] } });
    send({ event: 'peer-joined', data: { peerId: 'aaaa-patient', role: 'patient' } });
    expect(pcs).toHaveLength(0);
    send({ event: 'offer', data: { from: 'aaaa-patient', payload: { type: 'offer', sdp: 'their-offer' } } });
    await tick();
    expect(pcs).toHaveLength(1);
    expect(client.signal).toHaveBeenCalledWith({ type: 'answer', payload: { type: 'answer', sdp: 'answer' }, from: 'mmmm-me-0', to: 'aaaa-patient' }, expect.any(AbortSignal));
    expect(session.snapshot.remotes).toEqual([expect.objectContaining({ peerId: 'aaaa-patient', role: 'patient' })]);

    send({ event: 'peer-left', data: { peerId: 'aaaa-patient' } });
    expect(pcs[0]!.close).toHaveBeenCalled();
    expect(session.snapshot.remotes).toEqual([]);
  });

  it('mutes and unmutes without renegotiating', async () => {
    const { session, tracks } = setUp();
    await session.start();
    session.toggleMicrophone();
    expect(tracks[0]!.enabled).toBe(false);
    expect(session.snapshot).toMatchObject({ micOn: false, cameraOn: true });
    session.toggleCamera();
    session.toggleMicrophone();
    expect(session.snapshot).toMatchObject({ micOn: true, cameraOn: false });
  });

  it('leaves: says bye, closes every connection, turns the camera off, and sends none of its signals still queued', async () => {
    const { session, send, pcs, client, tracks, stopStream } = setUp();
    await session.start();
    send({ event: 'welcome', data: { you: { peerId: 'mmmm-me-0', role: 'patient' }, peers: [{ peerId: 'zzzz-doc-1', role: 'clinician' }] } });
    pcs[0]!.onnegotiationneeded?.();
    await tick();
    const until = (client.signal.mock.calls[0] as unknown as [unknown, AbortSignal])[1];
    expect(until.aborted).toBe(false);
    session.leave();
    expect(until.aborted).toBe(true);
    expect(client.leave).toHaveBeenCalledWith('mmmm-me-0');
    expect(stopStream).toHaveBeenCalled();
    expect(pcs[0]!.close).toHaveBeenCalled();
    expect(tracks.every((t) => t.stop.mock.calls.length === 1)).toBe(true);
    expect(session.snapshot).toMatchObject({ phase: 'left', remotes: [], local: null });
    session.leave();
    expect(client.leave).toHaveBeenCalledTimes(1);
  });

  it('ends the call for everyone when the visit ends, and a clinician can end it from the room', async () => {
    const patient = setUp();
    await patient.session.start();
    patient.send({ event: 'welcome', data: { you: { peerId: 'mmmm-me-0', role: 'patient' }, peers: [{ peerId: 'zzzz-doc-1', role: 'clinician' }] } });
    patient.send({ event: 'visit-ended', data: {} });
    expect(patient.session.snapshot).toMatchObject({ phase: 'left', visitEnded: true, local: null });
    expect(patient.pcs[0]!.close).toHaveBeenCalled();

    const clinician = setUp();
    await clinician.session.start();
    await clinician.session.endVisit();
    expect(clinician.client.endVisit).toHaveBeenCalledTimes(1);
    expect(clinician.session.snapshot).toMatchObject({ phase: 'left', visitEnded: true });
  });

  it('stays in the call and says why when ending the visit is refused', async () => {
    const { session, client } = setUp({
      endVisit: async () => {
        throw new ApiError({ code: 'forbidden', message: "Only the visit's clinicians can end the visit.", status: 403 });
      },
    });
    await session.start();
    await session.endVisit();
    expect(client.endVisit).toHaveBeenCalled();
    expect(session.snapshot).toMatchObject({ phase: 'starting', visitEnded: false, actionProblem: "Only the visit's clinicians can end the visit." });
  });

  it('ends when the room turns it away mid-call (the visit was cancelled)', async () => {
    const { session, stream, tracks } = setUp();
    await session.start();
    stream()!.onRefused(new ApiError({ code: 'not_found', message: 'This video room is not available.', status: 404 }));
    expect(session.snapshot).toMatchObject({ phase: 'refused', error: { status: 404 } });
    expect(tracks[1]!.stop).toHaveBeenCalled();
  });

  it('shows the end of the visit, and reports its call, when a signal mid-call is refused because the visit ended', async () => {
    const visitOver = new ApiError({ code: 'conflict', message: 'This visit has ended. You can close this page now.', field: 'visit', status: 409 });
    const { session, send, pcs, client, sampleAfter5s } = setUp();
    await session.start();
    send({ event: 'welcome', data: { you: { peerId: 'mmmm-me-0', role: 'patient' }, peers: [{ peerId: 'zzzz-doc-1', role: 'clinician' }] } });
    Object.assign(pcs[0]!, { getStats: async () => new Map() });
    await sampleAfter5s();
    await sampleAfter5s();
    client.signal.mockRejectedValueOnce(visitOver);
    pcs[0]!.onnegotiationneeded?.();
    await tick();
    expect(session.snapshot).toMatchObject({ phase: 'left', visitEnded: true, error: null });
    expect(client.reportQuality).toHaveBeenCalledTimes(1);

    // Before it was in the room, the same refusal is one: the page says why it cannot enter.
    const late = setUp();
    await late.session.start();
    late.stream()!.onRefused(visitOver);
    expect(late.session.snapshot).toMatchObject({ phase: 'refused', visitEnded: false, error: { field: 'visit' } });
  });

  it('drops connections that failed when someone joins (they went away without a word)', async () => {
    const { session, send, pcs } = setUp();
    await session.start();
    send({ event: 'welcome', data: { you: { peerId: 'mmmm-me-0', role: 'clinician' }, peers: [{ peerId: 'aaaa-old-tab', role: 'patient' }] } });
    pcs[0]!.connectionState = 'failed';
    pcs[0]!.onconnectionstatechange?.();
    send({ event: 'peer-joined', data: { peerId: 'bbbb-new-tab', role: 'patient' } });
    expect(pcs[0]!.close).toHaveBeenCalled();
    expect(session.snapshot.remotes).toEqual([]);
  });
});

describe('the call’s quality', () => {
  const stats = (packetsReceived: number, packetsLost: number, videoBytes: number) =>
    new Map<string, object>([
      ['pair', { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.09 }],
      ['video', { type: 'inbound-rtp', kind: 'video', packetsReceived, packetsLost, bytesReceived: videoBytes }],
    ]);

  it('samples each connection every 5 s and reports the samples once, as it leaves', async () => {
    const { session, send, pcs, client, sampleAfter5s, sampling } = setUp();
    await session.start();
    send({ event: 'welcome', data: { you: { peerId: 'mmmm-me-0', role: 'patient' }, peers: [{ peerId: 'zzzz-doc-1', role: 'clinician' }] } });
    const readings = [stats(1000, 0, 1_000_000), stats(1990, 10, 1_500_000), stats(2980, 20, 2_000_000)];
    Object.assign(pcs[0]!, { getStats: jest.fn(async () => readings.shift()) });

    await sampleAfter5s();
    expect(session.snapshot.callSamples).toBe(0);
    await sampleAfter5s();
    expect(session.snapshot.callSamples).toBe(1);
    await sampleAfter5s();
    expect(session.snapshot.callSamples).toBe(2);
    session.leave();

    expect(client.reportQuality).toHaveBeenCalledTimes(1);
    expect(client.reportQuality).toHaveBeenCalledWith([
      { rttMs: 90, packetLossPercent: 1, inboundKbps: 800 },
      { rttMs: 90, packetLossPercent: 1, inboundKbps: 800 },
    ]);
    expect(sampling()).toBe(false);
  });

  it('reports nothing when the call gave no sample', async () => {
    const { session, client } = setUp();
    await session.start();
    session.leave();
    expect(client.reportQuality).not.toHaveBeenCalled();
  });
});

