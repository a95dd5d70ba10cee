/**
 * How a visit went, over real HTTP: the `ended` timeline line and its webhook event carry the visit's
 * length (first admission -> end) and its call's quality once the built-in room's browsers have
 * reported, and the integration API's visit shows them with the patient's feedback. The service's
 * clock is the test's, so the wait for the reports is stepped, never slept.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const SECRET = 'webhook-secret-0123456789-abcdefghijklmnop';
/** The dev identity as an Entra object id, so the integration API can name it as the visit's clinician. */
const CLINICIAN_ID = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const integration = { authorization: `Bearer ${KEY}` };
const asPatient = (token: string) => ({ 'x-room-patient': token });

let service: RoundsService;
let receiver: WebhookReceiver;
let clock = Date.now();
const now = () => new Date(clock);
const streams: AbortController[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  service = await startRoundsForTest(
    { INTEGRATION_API_KEY: KEY, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, LOBBY_IDENTITY: 'none', LOBBY_OPENS_BEFORE_MINUTES: '1440', DEV_USER_ID: CLINICIAN_ID, ...NO_SANDBOX },
    undefined,
    { now },
  );
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  for (const stream of streams) stream.abort();
  await service?.close();
  await receiver.close();
});

async function until(what: string, predicate: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let visitsMade = 0;
/** A visit booked through the integration API whose patient checked in and was admitted. */
async function admittedVisit(): Promise<{ id: string; token: string; roomId: string }> {
  const created = await api(
    service,
    'POST',
    '/api/visits',
    { patient: { name: 'Quentin Marsh' }, start: new Date(clock + (5 + 60 * visitsMade++) * 60_000).toISOString(), durationMinutes: 30, clinicians: [{ aadObjectId: CLINICIAN_ID }], teamId: 'team-ward-7', channelId: 'channel-visits' },
    integration,
  );
  expect(created.status).toBe(201);
  const visit = (await created.json()) as { id: string; patientJoinUrl: string; clinicianJoinUrl: string };
  const token = new URL(visit.patientJoinUrl).pathname.split('/').pop() ?? '';
  expect((await api(service, 'POST', `/api/lobby/${token}/check-in`, {})).status).toBe(200);
  expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`)).status).toBe(200);
  return { id: visit.id, token, roomId: new URL(visit.clinicianJoinUrl).pathname.split('/').pop() ?? '' };
}

/** A browser in the room: its event stream is open (and so it is present) once the welcome arrived. */
async function enterRoom(roomId: string, peer: string, headers: Record<string, string> = {}): Promise<void> {
  const controller = new AbortController();
  streams.push(controller);
  const response = await fetch(`${service.url}/api/rooms/${roomId}/events?peer=${peer}`, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (let text = ''; !text.includes('event: welcome'); ) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the room stream closed before its welcome');
    text += value;
  }
}

const timelineOf = async (visitId: string) =>
  ((await (await api(service, 'GET', `/api/me/visits/${visitId}/lobby`)).json()) as { timeline: { kind: string; actor: string; detail: Record<string, unknown> }[] }).timeline;

describe('the end of a visit, with its length and call quality', () => {
  it('relays ended with the length and the call quality once the room has reported, and the visit shows them with the feedback', async () => {
    const visit = await admittedVisit();
    await enterRoom(visit.roomId, 'patient-quality-1', asPatient(visit.token));
    await enterRoom(visit.roomId, 'clinician-quality-1');
    clock += 754_000;
    expect((await api(service, 'POST', `/api/rooms/${visit.roomId}/end`, {})).status).toBe(204);

    // Over at once, but the ended line waits for the two browsers that were in the call.
    const ended = async () => (await timelineOf(visit.id)).find((event) => event.kind === 'ended');
    expect(((await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, integration)).json()) as { status: string }).status).toBe('completed');
    await runJobsUntilIdle(service, now);
    expect(await ended()).toBeUndefined();
    const fast = { rttMs: 48, packetLossPercent: 0.2, inboundKbps: 1800 };
    const slow = { rttMs: 420, packetLossPercent: 1.5, inboundKbps: 900 };
    expect((await api(service, 'POST', `/api/rooms/${visit.roomId}/quality`, { samples: [fast, fast, slow] }, asPatient(visit.token))).status).toBe(200);
    clock += 2_000;
    await runJobsUntilIdle(service, now);
    expect(await ended()).toBeUndefined();
    expect((await api(service, 'POST', `/api/rooms/${visit.roomId}/quality`, { samples: [slow, slow, fast] })).status).toBe(200);
    clock += 2_000;
    await runJobsUntilIdle(service, now);

    const quality = { grade: 'fair', rttMs: 420, packetLossPercent: 1.5, inboundKbps: 900, participants: 2 };
    expect(await ended()).toMatchObject({ actor: CLINICIAN_ID, detail: { reason: 'clinician', lengthSeconds: 754, admitted: true, quality } });
    await until('the ended webhook event', () => receiver.events.some((event) => event.visitId === visit.id && event.type === 'visit.ended'));
    const relayed = receiver.events.filter((event) => event.visitId === visit.id).map((event) => event.type);
    expect(relayed.slice(relayed.indexOf('visit.admitted'))).toEqual(['visit.admitted', 'visit.call_quality', 'visit.call_quality', 'visit.ended']);
    expect(receiver.events.find((event) => event.visitId === visit.id && event.type === 'visit.ended')).toMatchObject({
      actor: CLINICIAN_ID,
      data: { reason: 'clinician', lengthSeconds: 754, admitted: true, quality },
    });

    expect((await api(service, 'POST', `/api/lobby/${visit.token}/feedback`, { rating: 4, comment: 'Clear picture' })).status).toBe(200);
    const read = (await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, integration)).json()) as Record<string, unknown>;
    expect(read).toMatchObject({
      id: visit.id,
      status: 'completed',
      teamId: 'team-ward-7',
      channelId: 'channel-visits',
      endedAt: new Date(clock - 4_000).toISOString(),
      lengthSeconds: 754,
      quality,
      feedback: [{ participant: 'patient', rating: 4, comment: 'Clear picture', at: now().toISOString() }],
    });
    // The fields other systems already read are all still there.
    for (const field of ['start', 'end', 'durationMinutes', 'patient', 'clinicians', 'patientJoinUrl', 'guests', 'clinicianJoinUrl', 'teamId', 'channelId', 'cancelledAt']) {
      expect(read).toHaveProperty(field);
    }
  });

  it('writes the ended line 30 s after the end without the report of someone who never sends one', async () => {
    const visit = await admittedVisit();
    await enterRoom(visit.roomId, 'clinician-silent-1');
    clock += 300_000;
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/end`)).status).toBe(200);
    const read = async () => (await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, integration)).json()) as { lengthSeconds: number | null; quality: unknown };

    clock += 28_000;
    await runJobsUntilIdle(service, now);
    expect(await read()).toMatchObject({ lengthSeconds: null, quality: null });
    clock += 2_000;
    await runJobsUntilIdle(service, now);
    expect(await read()).toMatchObject({ lengthSeconds: 300, quality: null });
    expect((await timelineOf(visit.id)).filter((event) => event.kind === 'ended')).toHaveLength(1);
  });

  it('writes the ended line at once when nobody is in the room, and a visit that was never measured has no quality', async () => {
    const visit = await admittedVisit();
    clock += 60_000;
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/end`)).status).toBe(200);
    expect((await timelineOf(visit.id)).find((event) => event.kind === 'ended')?.detail).toEqual({ reason: 'clinician', lengthSeconds: 60, admitted: true, quality: null });
    expect(await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, integration)).json()).toMatchObject({ lengthSeconds: 60, quality: null, feedback: [] });
  });
});
