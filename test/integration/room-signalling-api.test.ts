/**
 * The built-in rooms' signalling API over real HTTP (dev mode): who may be in a room (the admitted
 * patient with their link, the visit's clinicians), the event stream (welcome, joins, leaves,
 * offers, answers, ICE candidates) and its catch-up after a reconnect, and refusals that say
 * nothing about the visit. The visits are seeded with the dev clinician on them: the integration
 * API only takes clinicians by Entra id, and dev mode's identity is "dev-user".
 */
import pino from 'pino';
import { RoomSignals, type RoomSignal } from '../../bot/src/realtime/room-signals';
import type { RoundsService } from '../../bot/src/rounds-service';
import { type CapturedLogs, NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

type Json = ReturnType<typeof JSON.parse>;

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
/** A real offer is 3 to 10 kB: bigger than NOTIFY's 8000-byte payload, which is why signals are rows. */
const BIG_SDP = `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host\r\n'.repeat(250)}`;

let service: RoundsService;
const logs: CapturedLogs = { lines: [] };

beforeAll(async () => {
  service = await startRoundsForTest({ INTEGRATION_API_KEY: KEY, LOBBY_OPENS_BEFORE_MINUTES: '1440', ...NO_SANDBOX }, logs);
}, SERVICE_START_TIMEOUT_MS);
afterAll(() => service.close());

interface Room {
  visitId: string;
  roomId: string;
  token: string;
}

let visitsMade = 0;
/** A visit of the dev clinician (its own hour, so visits never overlap) whose patient has checked in. */
async function checkedInVisit(): Promise<Room> {
  const visit = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: inMinutes(5 + 60 * visitsMade++) });
  const token = await tokenOf(visit.id);
  const identify = await api(service, 'POST', `/api/lobby/${token}/identify`, {});
  const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect((await api(service, 'POST', `/api/lobby/${token}/check-in`, {}, { cookie })).status).toBe(200);
  return { visitId: visit.id, roomId: visit.meeting!.meetingId, token };
}

async function admittedVisit(): Promise<Room> {
  const room = await checkedInVisit();
  expect((await api(service, 'POST', `/api/me/visits/${room.visitId}/admit`)).status).toBe(200);
  return room;
}

async function tokenOf(visitId: string): Promise<string> {
  const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const board = (await (await api(service, 'GET', `/api/me/visits?from=${from}&to=${to}&timeZone=UTC`)).json()) as { visits: { id: string; patientJoinUrl: string }[] };
  const link = board.visits.find((visit) => visit.id === visitId)?.patientJoinUrl ?? '';
  return new URL(link).pathname.split('/').pop() ?? '';
}

const asPatient = (token: string) => ({ 'x-room-patient': token });

interface RoomEvent {
  event: string;
  id?: string;
  data: Json;
}

interface RoomStream {
  /** The next event matching `wanted` (skipping others), or a rejection after 5 s. */
  next(wanted?: string): Promise<RoomEvent>;
  /** Every event received so far. */
  readonly received: RoomEvent[];
  close(): void;
}

async function openStream(roomId: string, peer: string, headers: Record<string, string> = {}): Promise<RoomStream> {
  const controller = new AbortController();
  const response = await fetch(`${service.url}/api/rooms/${roomId}/events?peer=${peer}`, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`room stream answered ${response.status}: ${await response.text()}`);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const received: RoomEvent[] = [];
  let consumed = 0;
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':') && line.includes(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
        if (fields.event) received.push({ event: fields.event, ...(fields.id ? { id: fields.id } : {}), data: JSON.parse(fields.data ?? 'null') });
      }
    }
  })().catch(() => undefined);
  return {
    received,
    async next(wanted) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        while (consumed < received.length) {
          const event = received[consumed++]!;
          if (!wanted || event.event === wanted) return event;
        }
        if (Date.now() > deadline) throw new Error(`no ${wanted ?? 'event'} within 15 s; got ${received.map((e) => e.event).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close() {
      controller.abort();
      void pump;
    },
  };
}

const signal = (roomId: string, body: unknown, headers: Record<string, string> = {}) => api(service, 'POST', `/api/rooms/${roomId}/signal`, body, headers);

describe('room signalling API', () => {
  it('lets the admitted patient and the clinician in, and relays offers, answers and candidates to the peer they are for', async () => {
    const { roomId, token } = await admittedVisit();
    const clinician = await openStream(roomId, 'clinician-tab-1');
    expect((await clinician.next()).data).toEqual({ you: { peerId: 'clinician-tab-1', role: 'clinician' }, peers: [] });
    const otherTab = await openStream(roomId, 'clinician-tab-2');
    await otherTab.next('welcome');
    expect((await clinician.next('peer-joined')).data).toEqual({ peerId: 'clinician-tab-2', role: 'clinician' });

    const patient = await openStream(roomId, 'patient-phone', asPatient(token));
    expect((await patient.next()).data).toEqual({
      you: { peerId: 'patient-phone', role: 'patient' },
      peers: [
        { peerId: 'clinician-tab-1', role: 'clinician' },
        { peerId: 'clinician-tab-2', role: 'clinician' },
      ],
    });
    expect((await clinician.next('peer-joined')).data).toEqual({ peerId: 'patient-phone', role: 'patient' });

    const offer = { type: 'offer', from: 'patient-phone', to: 'clinician-tab-1', payload: { type: 'offer', sdp: BIG_SDP } };
    expect((await signal(roomId, offer, asPatient(token))).status).toBe(204);
    const received = await clinician.next('offer');
    expect(received.data).toEqual({ from: 'patient-phone', payload: { type: 'offer', sdp: BIG_SDP } });
    expect(received.id).toMatch(/^\d+$/);

    expect((await signal(roomId, { type: 'answer', from: 'clinician-tab-1', to: 'patient-phone', payload: { type: 'answer', sdp: 'v=0\r\n' } })).status).toBe(204);
    expect((await patient.next('answer')).data).toEqual({ from: 'clinician-tab-1', payload: { type: 'answer', sdp: 'v=0\r\n' } });

    const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };
    expect((await signal(roomId, { type: 'candidate', from: 'patient-phone', to: 'clinician-tab-1', payload: candidate }, asPatient(token))).status).toBe(204);
    expect((await signal(roomId, { type: 'candidate', from: 'patient-phone', to: 'clinician-tab-1', payload: null }, asPatient(token))).status).toBe(204);
    expect((await clinician.next('candidate')).data).toEqual({ from: 'patient-phone', payload: candidate });
    expect((await clinician.next('candidate')).data).toEqual({ from: 'patient-phone', payload: null });

    // The second tab saw the patient join, but none of what was said to the first.
    await otherTab.next('peer-joined');
    expect(otherTab.received.map((event) => event.event)).toEqual(['welcome', 'peer-joined']);
    for (const stream of [clinician, otherTab, patient]) stream.close();

    const text = logs.lines.join('');
    expect(text).not.toContain(token);
    expect(text).not.toContain('192.0.2.1');
  });

  it('replays what a reconnecting browser missed after its Last-Event-ID, and a reconnect is not a new join', async () => {
    const { roomId, token } = await admittedVisit();
    const clinician = await openStream(roomId, 'clinician-reconnects');
    await clinician.next('welcome');
    const patient = await openStream(roomId, 'patient-stays', asPatient(token));
    await patient.next('welcome');
    const joined = await clinician.next('peer-joined');
    clinician.close();

    await signal(roomId, { type: 'offer', from: 'patient-stays', to: 'clinician-reconnects', payload: { type: 'offer', sdp: 'v=0\r\nmissed\r\n' } }, asPatient(token));
    const back = await openStream(roomId, 'clinician-reconnects', { 'last-event-id': joined.id! });
    expect((await back.next()).data).toEqual({ you: { peerId: 'clinician-reconnects', role: 'clinician' }, peers: [{ peerId: 'patient-stays', role: 'patient' }] });
    expect((await back.next()).data).toEqual({ from: 'patient-stays', payload: { type: 'offer', sdp: 'v=0\r\nmissed\r\n' } });

    // The patient's stream is in order: once a signal sent after the reconnect has reached it, a
    // peer-joined for the reconnect would have arrived before it.
    expect((await signal(roomId, { type: 'candidate', from: 'clinician-reconnects', to: 'patient-stays', payload: null })).status).toBe(204);
    await patient.next('candidate');
    expect(patient.received.filter((event) => event.event === 'peer-joined')).toHaveLength(0);
    back.close();
    patient.close();
  });

  it('takes a peer out on bye: the others see it leave, and it cannot signal any more', async () => {
    const { roomId, token } = await admittedVisit();
    const clinician = await openStream(roomId, 'clinician-stays');
    await clinician.next('welcome');
    const patient = await openStream(roomId, 'patient-leaves', asPatient(token));
    await patient.next('welcome');

    expect((await signal(roomId, { type: 'bye', from: 'patient-leaves' }, asPatient(token))).status).toBe(204);
    expect((await clinician.next('peer-left')).data).toEqual({ peerId: 'patient-leaves' });
    const late = await signal(roomId, { type: 'candidate', from: 'patient-leaves', to: 'clinician-stays', payload: null }, asPatient(token));
    expect(late.status).toBe(409);
    clinician.close();
    patient.close();
  });

  it('will not let anyone speak as a peer that is not theirs', async () => {
    const { roomId, token } = await admittedVisit();
    const clinician = await openStream(roomId, 'clinician-own-id');
    await clinician.next('welcome');
    // The patient, using the clinician's peer id: to send, and to listen.
    const spoofed = await signal(roomId, { type: 'offer', from: 'clinician-own-id', to: 'clinician-own-id', payload: { type: 'offer', sdp: 'v=0' } }, asPatient(token));
    expect(spoofed.status).toBe(409);
    const stolen = await fetch(`${service.url}/api/rooms/${roomId}/events?peer=clinician-own-id`, { headers: asPatient(token) });
    expect(stolen.status).toBe(409);
    clinician.close();
  });

  it('checks what is sent', async () => {
    const { roomId } = await admittedVisit();
    const clinician = await openStream(roomId, 'clinician-checked');
    await clinician.next('welcome');
    const bad = [
      { type: 'shout', from: 'clinician-checked', to: 'someone-else' },
      { type: 'offer', from: 'clinician-checked', to: 'someone-else', payload: { type: 'pranswer', sdp: 'v=0' } },
      { type: 'offer', from: 'clinician-checked', to: 'x', payload: { type: 'offer', sdp: 'v=0' } },
      { type: 'offer', from: 'clinician-checked', to: 'someone-else', payload: { type: 'offer', sdp: 'x'.repeat(100_001) } },
      { type: 'candidate', from: 'clinician-checked', to: 'someone-else', payload: { candidate: 42 } },
    ];
    for (const body of bad) {
      const response = await signal(roomId, body);
      expect({ body: body.type, status: response.status }).toEqual({ body: body.type, status: 400 });
      expect(await response.json()).toMatchObject({ error: { code: 'validation' } });
    }
    expect((await fetch(`${service.url}/api/rooms/${roomId}/events?peer=a`)).status).toBe(400);
    clinician.close();
  });

  it('keeps a patient who was not admitted out (403), and sends nothing about the visit', async () => {
    const { roomId, token } = await checkedInVisit();
    for (const path of ['/config', '/events?peer=patient-early']) {
      const response = await fetch(`${service.url}/api/rooms/${roomId}${path}`, { headers: asPatient(token) });
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(text).not.toMatch(/Jane|Doe|Dev Clinician|start/);
    }
  });

  it("answers a link of another visit, a dead link and an unknown room with the same 404", async () => {
    const first = await admittedVisit();
    const second = await admittedVisit();
    await api(service, 'POST', `/api/me/visits/${second.visitId}/cancel`);
    const answers = await Promise.all(
      [
        [first.roomId, second.token],
        [second.roomId, first.token],
        [first.roomId, 'not-a-token'],
        ['AAAAAAAAAAAAAAAAAAAAAA', first.token],
      ].map(async ([roomId, token]) => {
        const response = await fetch(`${service.url}/api/rooms/${roomId}/events?peer=patient-lost`, { headers: asPatient(token!) });
        return { status: response.status, body: await response.text() };
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toBe(answers[0]!.body);
    }
  });

  it("keeps clinicians out of rooms of visits that are not theirs or their team's, and out of unknown rooms", async () => {
    const start = inMinutes(600);
    const created = await api(service, 'POST', '/api/visits', { patient: { name: 'Someone Else' }, start, durationMinutes: 30, clinicians: [{ aadObjectId: '7c0e1d2a-0000-4000-8000-000000000007', name: 'Dr Okafor' }] }, { authorization: `Bearer ${KEY}` });
    expect(created.status).toBe(201);
    const room = new URL(((await created.json()) as { clinicianJoinUrl: string }).clinicianJoinUrl).pathname.split('/').pop()!;
    const notMine = await fetch(`${service.url}/api/rooms/${room}/events?peer=clinician-nosy`);
    expect(notMine.status).toBe(403);
    expect(await notMine.text()).not.toMatch(/Someone|Okafor/);
    expect((await fetch(`${service.url}/api/rooms/BBBBBBBBBBBBBBBBBBBBBB/config`)).status).toBe(404);
    expect((await fetch(`${service.url}/api/rooms/..%2F..%2Fetc/config`)).status).toBe(404);
  });

  it("lets the visit's clinician end the visit from the room: every browser in it hears so, and nobody enters again", async () => {
    const { roomId, token, visitId } = await admittedVisit();
    const clinician = await openStream(roomId, 'clinician-ends-1');
    await clinician.next('welcome');
    const patient = await openStream(roomId, 'patient-ended-1', asPatient(token));
    await patient.next('welcome');

    const byPatient = await api(service, 'POST', `/api/rooms/${roomId}/end`, {}, asPatient(token));
    expect(byPatient.status).toBe(403);
    expect((await api(service, 'POST', `/api/rooms/${roomId}/end`, {})).status).toBe(204);
    await service.runDueJobs();
    expect((await patient.next('visit-ended')).data).toEqual({});
    expect((await clinician.next('visit-ended')).data).toEqual({});
    // Each page reports its call as the end reaches it; the `ended` line waits for both reports.
    const sample = { rttMs: 40, packetLossPercent: 0, inboundKbps: 1500 };
    expect((await api(service, 'POST', `/api/rooms/${roomId}/quality`, { samples: [sample] }, asPatient(token))).status).toBe(200);
    const lobbyOf = async () => (await (await api(service, 'GET', `/api/me/visits/${visitId}/lobby`)).json()) as { status: string; timeline: { kind: string; actor: string; detail: Json }[] };
    expect((await lobbyOf()).status).toBe('completed');
    expect((await lobbyOf()).timeline.some((event) => event.kind === 'ended')).toBe(false);
    expect((await api(service, 'POST', `/api/rooms/${roomId}/quality`, { samples: [sample, sample] })).status).toBe(200);
    patient.close();
    clinician.close();

    const endedLines = async () => (await lobbyOf()).timeline.filter((event) => event.kind === 'ended');
    const deadline = Date.now() + 60_000;
    while ((await endedLines()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await endedLines()).toEqual([
      expect.objectContaining({
        actor: 'dev-user',
        detail: expect.objectContaining({ reason: 'clinician', admitted: true, quality: { grade: 'good', rttMs: 40, packetLossPercent: 0, inboundKbps: 1500, participants: 2 } }),
      }),
    ]);
    for (const headers of [asPatient(token), {}]) {
      const again = await api(service, 'GET', `/api/rooms/${roomId}/config`, undefined, headers);
      expect(again.status).toBe(409);
      expect((await again.json()).error).toEqual({ code: 'conflict', message: 'This visit has ended. You can close this page now.', field: 'visit' });
    }
  });

  it('gives the ICE servers to those who may enter', async () => {
    const { roomId, token } = await admittedVisit();
    const response = await fetch(`${service.url}/api/rooms/${roomId}/config`, { headers: asPatient(token) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ iceServers: [] });
  });

  it('serves the room page for any room, framed only by Teams, with the camera and microphone allowed', async () => {
    const response = await fetch(`${service.url}/rooms/AAAAAAAAAAAAAAAAAAAAAA?patient=x`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root"></div>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain('frame-ancestors');
    expect(csp).toContain('https://teams.microsoft.com');
    expect(response.headers.get('permissions-policy')).toContain('camera=(self)');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('room signals across instances', () => {
  it('hands another instance every signal, in the order sent, and stops listening once nobody is in a room', async () => {
    // Two hubs on one database stand for two instances of the service.
    const sender = new RoomSignals(service.db, pino({ level: 'silent' }));
    const receiver = new RoomSignals(service.db, pino({ level: 'silent' }));
    const got: RoomSignal[] = [];
    const unsubscribe = await receiver.subscribe('room-across-instances', (signal) => got.push(signal));
    const unrelated = await receiver.subscribe('another-room-entirely', () => {
      throw new Error('signals of one room reached another');
    });
    expect(receiver.watching).toBe(2);

    for (let n = 0; n < 20; n++) {
      await sender.send('room-across-instances', { from: 'sender-peer', to: 'receiver-peer', kind: 'candidate', payload: { candidate: `candidate:${n}` } });
    }
    const deadline = Date.now() + 5_000;
    while (got.length < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got.map((signal) => (signal.payload as { candidate: string }).candidate)).toEqual(Array.from({ length: 20 }, (_, n) => `candidate:${n}`));

    unsubscribe();
    unrelated();
    expect(receiver.watching).toBe(0);
    await sender.send('room-across-instances', { from: 'sender-peer', to: null, kind: 'peer-left', payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(got).toHaveLength(20);
  });
});

describe('call quality from the built-in room', () => {
  const good = { rttMs: 60, packetLossPercent: 0, inboundKbps: 1500 };
  const poor = { rttMs: 900, packetLossPercent: 1, inboundKbps: 800 };
  const timelineOf = async (visitId: string) =>
    ((await (await api(service, 'GET', `/api/me/visits/${visitId}/lobby`)).json()) as { timeline: { kind: string; actor: string; detail: Json }[] }).timeline;

  it('grades each participant’s samples (worst and median) onto the timeline, also when they report just after the end', async () => {
    const { visitId, roomId, token } = await admittedVisit();

    const patient = await api(service, 'POST', `/api/rooms/${roomId}/quality`, { samples: [good, poor, good] }, asPatient(token));
    expect(patient.status).toBe(200);
    expect(await patient.json()).toEqual({ quality: { samples: 3, worst: 'poor', median: 'good', rttMs: 60, packetLossPercent: 0, inboundKbps: 1500 } });
    expect((await api(service, 'POST', `/api/me/visits/${visitId}/end`)).status).toBe(200);
    const clinician = await api(service, 'POST', `/api/rooms/${roomId}/quality`, { samples: [good, good] });
    expect(clinician.status).toBe(200);

    const timeline = await timelineOf(visitId);
    expect(timeline.filter((event) => event.kind === 'call_quality').map(({ actor, detail }) => ({ actor, detail }))).toEqual([
      { actor: 'patient', detail: { samples: 3, worst: 'poor', median: 'good', rttMs: 60, packetLossPercent: 0, inboundKbps: 1500 } },
      { actor: 'dev-user', detail: { samples: 2, worst: 'good', median: 'good', rttMs: 60, packetLossPercent: 0, inboundKbps: 1500 } },
    ]);
    // Nobody was in the room at the end: the `ended` line was written at once, with the call reported before it.
    expect(timeline.find((event) => event.kind === 'ended')?.detail).toMatchObject({ quality: { grade: 'good', rttMs: 60, participants: 1 } });
  });

  it('refuses samples it cannot read with 400, and a patient who was never let in with 403', async () => {
    const admitted = await admittedVisit();
    const bad = await api(service, 'POST', `/api/rooms/${admitted.roomId}/quality`, { samples: [{ ...good, packetLossPercent: 140 }] }, asPatient(admitted.token));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: Json }).error).toMatchObject({ code: 'validation', field: 'samples.0.packetLossPercent' });

    const waiting = await checkedInVisit();
    expect((await api(service, 'POST', `/api/rooms/${waiting.roomId}/quality`, { samples: [good] }, asPatient(waiting.token))).status).toBe(403);
    expect((await timelineOf(waiting.visitId)).some((event) => event.kind === 'call_quality')).toBe(false);
  });
});
