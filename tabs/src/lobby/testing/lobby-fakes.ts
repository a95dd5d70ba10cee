/**
 * Stand-ins for jsdom tests of the lobby page: a small lobby server behind `fetch` (the contract's
 * routes, phases, ticket and errors), EventSource, media devices and WebAudio. Test code only.
 */
import type { LobbyView } from '../../../../bot/src/contracts/lobby-api';
import type { MediaDevicesLike } from '../device-check/camera';
import type { AudioContextLike } from '../device-check/microphone';
import type { LobbyFetch, LobbyRequest, LobbyResponse } from '../lobby-client';
import type { EventSourceLike } from '../live-lobby';

export const TOKEN = 'tok_abcdefghijklmnop';

export function aView(overrides: Partial<LobbyView> = {}): LobbyView {
  return {
    phase: 'identify',
    start: '2031-03-11T15:00:00.000Z',
    durationMinutes: 30,
    clinicians: ['Dr Lee'],
    opensAt: '2031-03-11T14:45:00.000Z',
    identity: { firstName: true, birthYear: true, code: false },
    guest: null,
    checkedInAt: null,
    messages: [],
    clinicianNotified: false,
    joinUrl: null,
    feedback: null,
    ...overrides,
  };
}

export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  credentials: string;
  body: unknown;
}

const json = (status: number, body: unknown): LobbyResponse => ({ ok: status >= 200 && status < 300, status, text: () => Promise.resolve(JSON.stringify(body)) });
const error = (status: number, code: string, message: string, field?: string) => json(status, { error: { code, message, ...(field ? { field } : {}) } });

/**
 * The lobby API for one link. It moves through the phases as the real one does, checks the ticket
 * (`X-Lobby-Ticket`) on device-check and check-in, and pushes every change to open event streams.
 */
export class FakeLobbyServer {
  view: LobbyView;
  readonly calls: RecordedCall[] = [];
  readonly sources: FakeEventSource[] = [];
  answer = { firstName: 'Ada', birthYear: 1968 };
  /** A guest's link (identity.code): their first name and the code from their message. */
  guestAnswer = { firstName: 'Luis', code: '424242' };
  /** When set, every request fails as if the network were down. */
  offline = false;
  /** Known link? false: every route answers 404. */
  valid = true;
  /** Answers the next request to this path (e.g. `/check-in`) with this instead. */
  readonly overrides = new Map<string, LobbyResponse>();
  private readonly ticket = 'ticket-123';

  constructor(view: Partial<LobbyView> = {}) {
    this.view = aView(view);
  }

  readonly fetch: LobbyFetch = (url: string, init: LobbyRequest) => {
    const prefix = `/api/lobby/${TOKEN}`;
    const path = url.startsWith(prefix) ? url.slice(prefix.length) : url;
    this.calls.push({ method: init.method, path, headers: { ...init.headers }, credentials: init.credentials, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    if (this.offline) return Promise.reject(new TypeError('Failed to fetch'));
    const override = this.overrides.get(path);
    if (override) {
      this.overrides.delete(path);
      return Promise.resolve(override);
    }
    return Promise.resolve(this.route(init.method, path, init));
  };

  /** Opens a stream as EventSource would; it gets the view at once when the link is valid. */
  readonly openEvents = (url: string): FakeEventSource => {
    const source = new FakeEventSource(url);
    this.sources.push(source);
    return source;
  };

  get openSources(): FakeEventSource[] {
    return this.sources.filter((source) => source.readyState !== 2);
  }

  /** A change on the server (a clinician's message, the admission): pushed to every open stream. */
  change(patch: Partial<LobbyView>): void {
    this.view = { ...this.view, ...patch };
    for (const source of this.openSources) if (source.readyState === 1) source.emit(this.view);
  }

  private route(method: string, path: string, init: LobbyRequest): LobbyResponse {
    if (!this.valid) return error(404, 'not_found', 'This link is not valid any more. Please use the newest message you received, or call the clinic.');
    const identified = init.headers['x-lobby-ticket'] === this.ticket;
    if (method === 'GET' && path === '') return json(200, this.view);
    if (method === 'GET' && path === '/ping') return { ok: true, status: 204, text: () => Promise.resolve('') };
    if (method === 'POST' && path === '/identify') {
      const body = JSON.parse(init.body ?? '{}') as { firstName?: string; birthYear?: number; code?: string };
      const matches = this.view.identity.code
        ? body.firstName?.toLowerCase() === this.guestAnswer.firstName.toLowerCase() && body.code === this.guestAnswer.code
        : body.firstName?.toLowerCase() === this.answer.firstName.toLowerCase() && body.birthYear === this.answer.birthYear;
      if (!matches) {
        return error(403, 'forbidden', 'Those details do not match what the clinic has for this visit. Check the spelling, or call the clinic.');
      }
      if (this.view.phase === 'identify') this.view = { ...this.view, phase: 'device_check' };
      return json(200, { ticket: this.ticket });
    }
    if (method === 'POST' && (path === '/device-check' || path === '/check-in')) {
      if (!identified) return error(401, 'unauthenticated', 'Please confirm who you are first.');
      if (path === '/check-in') this.view = { ...this.view, phase: 'waiting', checkedInAt: this.view.checkedInAt ?? new Date(FAKE_NOW).toISOString() };
      return json(200, this.view);
    }
    if (method === 'POST' && path === '/message') {
      // The real service knows the patient by the HttpOnly cookie, which this fake cannot see: any caller may write.
      const { text } = JSON.parse(init.body ?? '{}') as { text: string };
      this.change({ messages: [...this.view.messages, { text, at: new Date(FAKE_NOW).toISOString(), from: 'Ada L.', participant: 'patient' }] });
      return json(200, this.view);
    }
    if (method === 'POST' && path === '/feedback') {
      if (!this.view.feedback) return error(409, 'conflict', 'You can rate your visit once it has ended.');
      if (this.view.feedback.rating !== null) return error(409, 'conflict', 'You have already rated this visit. Thank you.');
      const body = JSON.parse(init.body ?? '{}') as { rating: number };
      this.view = { ...this.view, feedback: { rating: body.rating } };
      return json(200, this.view);
    }
    return error(404, 'not_found', 'no such route');
  }
}

/** "Now" in the lobby tests: 14:50 UTC on the visit's day, 10 minutes before its start. */
export const FAKE_NOW = Date.parse('2031-03-11T14:50:00.000Z');

/** EventSource as the page uses it; the test opens, feeds, drops and closes it. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners: { type: string; listener: (event: MessageEvent<string>) => void }[] = [];

  constructor(readonly url: string) {}

  addEventListener(type: 'lobby' | 'gone', listener: (event: MessageEvent<string>) => void): void {
    this.listeners.push({ type, listener });
  }

  close(): void {
    this.readyState = 2;
  }

  /** The server accepted the stream. */
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  emit(view: LobbyView | string, type: 'lobby' | 'gone' = 'lobby'): void {
    const data = typeof view === 'string' ? view : JSON.stringify(view);
    for (const entry of this.listeners) if (entry.type === type) entry.listener(new MessageEvent(type, { data }));
  }

  /** A dropped connection: EventSource tries again by itself (CONNECTING)... */
  drop(): void {
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }

  /** ...or an HTTP error, after which it gives up (CLOSED). */
  fail(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

export class FakeTrack {
  stopped = false;
  constructor(readonly kind: 'audio' | 'video') {}
  stop(): void {
    this.stopped = true;
  }
}

export function fakeStream(...kinds: ('audio' | 'video')[]): MediaStream & { tracks: FakeTrack[] } {
  const tracks = kinds.map((kind) => new FakeTrack(kind));
  const stream = {
    tracks,
    getTracks: () => tracks,
    getVideoTracks: () => tracks.filter((track) => track.kind === 'video'),
    getAudioTracks: () => tracks.filter((track) => track.kind === 'audio'),
  };
  return stream as unknown as MediaStream & { tracks: FakeTrack[] };
}

/** getUserMedia that answers per kind: a stream, or the error to throw. */
export function fakeMedia(answers: { camera?: Error; microphone?: Error } = {}): MediaDevicesLike & { streams: ReturnType<typeof fakeStream>[]; requests: MediaStreamConstraints[] } {
  const streams: ReturnType<typeof fakeStream>[] = [];
  const requests: MediaStreamConstraints[] = [];
  return {
    streams,
    requests,
    getUserMedia(constraints) {
      requests.push(constraints);
      const failure = constraints.video ? answers.camera : answers.microphone;
      if (failure) return Promise.reject(failure);
      const stream = fakeStream(constraints.video ? 'video' : 'audio');
      streams.push(stream);
      return Promise.resolve(stream);
    },
  };
}

export function domError(name: string): Error {
  const failure = new Error(name);
  failure.name = name;
  return failure;
}

/** A WebAudio context whose analyser reports `level` (a sample amplitude, 0 to 1) and records the tone it plays. */
export class FakeAudioContext implements AudioContextLike {
  static amplitude = 0;
  static instances: FakeAudioContext[] = [];
  currentTime = 0;
  state = 'running';
  closed = false;
  readonly destination = {} as AudioNode;
  readonly scheduled: { at: number; value: number; kind: 'set' | 'ramp' }[] = [];
  oscillator: { started: number | null; stopped: number | null; frequency: number; onended: (() => void) | null } | null = null;

  constructor() {
    FakeAudioContext.instances.push(this);
  }

  resume(): Promise<void> {
    this.state = 'running';
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    this.state = 'closed';
    return Promise.resolve();
  }

  createMediaStreamSource(): { connect(): void; disconnect(): void } {
    return { connect: () => undefined, disconnect: () => undefined };
  }

  createAnalyser(): AnalyserNode {
    const analyser = {
      fftSize: 2048,
      getByteTimeDomainData(samples: Uint8Array) {
        // A square wave of the given amplitude: its RMS is the amplitude.
        const swing = Math.round(FakeAudioContext.amplitude * 127);
        samples.forEach((_, index) => {
          samples[index] = index % 2 === 0 ? 128 + swing : 128 - swing;
        });
      },
    };
    return analyser as unknown as AnalyserNode;
  }

  createOscillator(): OscillatorNode {
    const oscillator = { started: null as number | null, stopped: null as number | null, frequency: 0, onended: null as (() => void) | null };
    this.oscillator = oscillator;
    const node = {
      type: 'sine',
      frequency: {
        set value(value: number) {
          oscillator.frequency = value;
        },
      },
      connect: () => undefined,
      start: (at: number) => {
        oscillator.started = at;
      },
      stop: (at: number) => {
        oscillator.stopped = at;
        // The tone "plays" at once in tests.
        queueMicrotask(() => oscillator.onended?.());
      },
      set onended(callback: (() => void) | null) {
        oscillator.onended = callback;
      },
    };
    return node as unknown as OscillatorNode;
  }

  createGain(): GainNode {
    const scheduled = this.scheduled;
    const node = {
      gain: {
        setValueAtTime: (value: number, at: number) => scheduled.push({ at, value, kind: 'set' }),
        linearRampToValueAtTime: (value: number, at: number) => scheduled.push({ at, value, kind: 'ramp' }),
      },
      connect: () => undefined,
    };
    return node as unknown as GainNode;
  }
}
