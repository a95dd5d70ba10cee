/**
 * Visits end, over real HTTP in dev mode with built-in rooms, on a service clock the tests move:
 * "End visit" from My visits, the automatic end of an admitted visit whose room stays empty and of a
 * visit still open at its end time plus the grace period; the timeline, the webhook's `visit.ended`
 * with the visit's length, the Completed filter, and Mark no-show only for a patient who never
 * checked in.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { patientTokenOf, seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

type Json = ReturnType<typeof JSON.parse>;
interface TimelineEntry {
  kind: string;
  actor: string;
  detail: { reason?: string; admitted?: boolean; lengthSeconds?: number; waitSeconds?: number };
}
interface LobbyAnswer {
  status: string;
  timeline: TimelineEntry[];
}

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const SECRET = 'webhook-secret-0123456789-abcdefghijklmnop';
const EMPTY_ROOM_MINUTES = 60;
const GRACE_MINUTES = 120;
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: null };

let service: RoundsService;
let receiver: http.Server;
const hooks: { type: string; visitId: string; data: Json }[] = [];
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);
const minutes = (count: number) => count * 60_000;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hooks.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof hooks)[number]);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  service = await startRoundsForTest(
    {
      ...NO_SANDBOX,
      INTEGRATION_API_KEY: KEY,
      WEBHOOK_URL: `http://127.0.0.1:${port}/hooks`,
      WEBHOOK_SECRET: SECRET,
      LOBBY_IDENTITY: 'none',
      LOBBY_OPENS_BEFORE_MINUTES: '1440',
      LOBBY_CLOSES_AFTER_MINUTES: '1440',
      VISIT_EMPTY_ROOM_END_MINUTES: String(EMPTY_ROOM_MINUTES),
      VISIT_END_GRACE_MINUTES: String(GRACE_MINUTES),
    },
    undefined,
    { now: clock },
  );
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await new Promise((resolve) => receiver.close(resolve));
});

let visitsMade = 0;
/** A visit of the dev clinician, each 3 hours after the last (longer than a visit and its grace period): none overlaps. */
async function visitOf(): Promise<{ id: string; token: string; roomId: string }> {
  const start = new Date(clock().getTime() + minutes(5) + visitsMade++ * minutes(180));
  const visit = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: start.toISOString(), durationMinutes: 30 });
  return { id: visit.id, token: await patientTokenOf(service, visit.id, start), roomId: visit.meeting!.meetingId };
}

/** The patient opens the link, runs the device check and checks in. */
async function checkIn(token: string): Promise<void> {
  expect((await api(service, 'GET', `/api/lobby/${token}`)).status).toBe(200);
  expect((await api(service, 'POST', `/api/lobby/${token}/device-check`, OK_DEVICES)).status).toBe(200);
  expect((await api(service, 'POST', `/api/lobby/${token}/check-in`, {})).status).toBe(200);
}

const post = (id: string, action: string) => api(service, 'POST', `/api/me/visits/${id}/${action}`);
const lobbyOf = async (id: string): Promise<LobbyAnswer> => (await (await api(service, 'GET', `/api/me/visits/${id}/lobby`)).json()) as LobbyAnswer;
const ended = async (id: string): Promise<TimelineEntry | undefined> => (await lobbyOf(id)).timeline.find((event) => event.kind === 'ended');
const visitDto = async (id: string): Promise<Json> => (await api(service, 'GET', `/api/visits/${id}`, undefined, { authorization: `Bearer ${KEY}` })).json();
const runJobs = () => runJobsUntilIdle(service, clock);

async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('not within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('End visit from My visits', () => {
  it('completes the visit with its length: timeline, webhook, the patient’s page, the Completed filter', async () => {
    const { id, token } = await visitOf();
    await checkIn(token);
    shiftMs += minutes(2);
    expect((await post(id, 'admit')).status).toBe(200);
    shiftMs += minutes(23);

    const answer = await post(id, 'end');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'completed' });
    // Ending twice is not an error, and ends once.
    expect((await post(id, 'end')).status).toBe(200);

    const dto = await visitDto(id);
    expect(dto).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
    const { timeline } = await lobbyOf(id);
    // Whether the alert job ran before the admit (and reached anyone) depends on the job runner's timing: the patient's own steps do not.
    const alerts = ['clinicians_alerted', 'alert_failed', 'escalated_to_channel'];
    expect(timeline.map((event) => event.kind).filter((kind) => !alerts.includes(kind))).toEqual(['created', 'link_opened', 'device_check', 'checked_in', 'admitted', 'ended']);
    const admitted = timeline.find((event) => event.kind === 'admitted');
    expect(admitted?.detail.waitSeconds).toBeGreaterThanOrEqual(120);
    expect(admitted?.detail.waitSeconds).toBeLessThan(120 + 60);
    const end = timeline.find((event) => event.kind === 'ended');
    expect(end).toMatchObject({ actor: 'dev-user', detail: { reason: 'clinician', admitted: true } });
    expect(end?.detail.lengthSeconds).toBeGreaterThanOrEqual(23 * 60);
    expect(end?.detail.lengthSeconds).toBeLessThan(24 * 60);

    // An admitted patient's page says the visit is over, with no way back into the meeting.
    expect(await (await api(service, 'GET', `/api/lobby/${token}`)).json()).toMatchObject({ phase: 'ended', joinUrl: null });

    const day = (offset: number) => new Date(clock().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const completed = (await (await api(service, 'GET', `/api/me/visits?from=${day(-1)}&to=${day(1)}&timeZone=UTC&status=completed`)).json()) as { visits: { id: string; status: string; endedAt: string | null }[] };
    expect(completed.visits.map((visit) => visit.id)).toEqual([id]);
    expect(completed.visits[0]).toMatchObject({ status: 'completed', endedAt: dto.endedAt });

    await until(() => hooks.some((hook) => hook.visitId === id && hook.type === 'visit.ended'));
    // (Opening the link again after the end is on the timeline too.)
    const relayed = hooks.filter((hook) => hook.visitId === id && !alerts.includes(hook.type.replace(/^visit\./, '')));
    expect(relayed.map((hook) => hook.type).slice(0, 6)).toEqual([
      'visit.created',
      'visit.link_opened',
      'visit.device_check',
      'visit.checked_in',
      'visit.admitted',
      'visit.ended',
    ]);
    expect(hooks.find((hook) => hook.visitId === id && hook.type === 'visit.ended')?.data).toEqual(end?.detail);
  });

  it('refuses to end a visit whose patient never checked in: that is a no-show, offered then and only then', async () => {
    const early = await visitOf();
    const refused = await post(early.id, 'end');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: { code: 'conflict', message: 'The patient has not checked in: there is no visit to end yet.' } });
    expect(await (await post(early.id, 'no-show')).json()).toMatchObject({ status: 'no_show' });

    const came = await visitOf();
    await checkIn(came.token);
    const noShow = await post(came.id, 'no-show');
    expect(noShow.status).toBe(409);
    expect(((await noShow.json())).error.message).toBe('The patient checked in: this visit is not a no-show. End the visit instead.');
    expect((await visitDto(came.id)).status).toBe('waiting');
  });
});

describe('automatic end, on the service clock', () => {
  afterEach(async () => {
    // Leave no visit of this test open for the next one's clock.
    await runJobs();
  });

  it('ends an admitted visit once its room has stayed empty, not while someone is in it', async () => {
    const { id, token, roomId } = await visitOf();
    await checkIn(token);
    expect((await post(id, 'admit')).status).toBe(200);
    // The patient is in the room: their event stream is open.
    const controller = new AbortController();
    const stream = await fetch(`${service.url}/api/rooms/${roomId}/events?peer=patient-phone-1`, { headers: { 'x-room-patient': token }, signal: controller.signal });
    expect(stream.status).toBe(200);

    shiftMs += minutes(EMPTY_ROOM_MINUTES);
    // The stream's pings kept the patient seen, on the service's clock.
    await service.db.query('UPDATE room_peers SET seen_at = $1 WHERE room_id = $2', [clock(), roomId]);
    await runJobs();
    expect((await visitDto(id)).status).toBe('in_visit');

    // The patient leaves; after as long again with nobody there, the visit ends.
    expect((await api(service, 'POST', `/api/rooms/${roomId}/signal`, { type: 'bye', from: 'patient-phone-1' }, { 'x-room-patient': token })).status).toBe(204);
    controller.abort();
    await service.db.query("UPDATE room_signals SET created_at = $1 WHERE room_id = $2 AND kind = 'peer-left'", [clock(), roomId]);
    shiftMs += minutes(EMPTY_ROOM_MINUTES - 1);
    await runJobs();
    expect((await visitDto(id)).status).toBe('in_visit');
    shiftMs += minutes(1);
    await runJobs();
    expect(await visitDto(id)).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
    const end = await ended(id);
    expect(end).toMatchObject({ actor: 'system', detail: { reason: 'empty_room', admitted: true } });
    expect(end?.detail.lengthSeconds).toBeGreaterThanOrEqual(2 * EMPTY_ROOM_MINUTES * 60);
  });

  it('ends a visit still open at its end time plus the grace period', async () => {
    const { id, token } = await visitOf();
    await checkIn(token);
    const dto = await visitDto(id);
    const due = Date.parse(dto.end) + minutes(GRACE_MINUTES);
    shiftMs += due - clock().getTime() - minutes(1);
    await runJobs();
    expect((await visitDto(id)).status).toBe('waiting');

    shiftMs += minutes(1);
    await runJobs();
    expect((await visitDto(id)).status).toBe('completed');
    expect(await ended(id)).toMatchObject({ actor: 'system', detail: { reason: 'end_time', admitted: false, lengthSeconds: 0 } });
  });

  it('gives a patient who arrives after the end time plus the grace period a grace period of their own', async () => {
    const { id, token } = await visitOf();
    const dto = await visitDto(id);
    shiftMs += Date.parse(dto.end) + minutes(GRACE_MINUTES + 10) - clock().getTime();
    await checkIn(token);
    await runJobs();
    expect((await visitDto(id)).status).toBe('waiting');

    shiftMs += minutes(GRACE_MINUTES);
    await runJobs();
    expect((await visitDto(id)).status).toBe('completed');
    expect(await ended(id)).toMatchObject({ detail: { reason: 'end_time' } });
  });
});
