/**
 * Patient feedback over real HTTP in dev mode: after the visit ends, the patient's link takes a
 * rating (1-5) and an optional comment, once; the timeline and the webhook carry the rating (never the
 * comment), My visits' lobby view shows both, the logs never hold the comment, and the Dashboard's
 * figure is the mean rating of the rated visits.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, startRoundsForTest, type CapturedLogs } from '../support/rounds-under-test';
import { patientTokenOf, seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

type Json = ReturnType<typeof JSON.parse>;

const SECRET = 'webhook-secret-0123456789-abcdefghijklmnop';
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: null };
const COMMENT = 'Dr Lee explained my new inhaler very clearly';
const clinic = { teamId: '19:feedback-clinic@thread.tacv2', channelId: 'chan-feedback' };

let service: RoundsService;
let receiver: WebhookReceiver;
const logs: CapturedLogs = { lines: [] };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  service = await startRoundsForTest(
    { ...NO_SANDBOX, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, LOBBY_IDENTITY: 'none', LOBBY_OPENS_BEFORE_MINUTES: '1440' },
    logs,
  );
});

afterAll(async () => {
  await service.close();
  await receiver.close();
});

let visitsMade = 0;
/** A visit of the dev clinician for a team (the clinic's by default), an hour after the last: none overlaps. */
async function visitOf(origin = clinic): Promise<{ id: string; token: string; start: Date }> {
  const start = new Date(Date.now() + 5 * 60_000 + visitsMade++ * 3_600_000);
  const visit = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: start.toISOString(), durationMinutes: 30, origin });
  return { id: visit.id, token: await patientTokenOf(service, visit.id, start), start };
}

/** The patient checks in, the clinician admits them and ends the visit. */
async function completedVisit(origin = clinic): Promise<{ id: string; token: string; start: Date }> {
  const visit = await visitOf(origin);
  expect((await api(service, 'POST', `/api/lobby/${visit.token}/device-check`, OK_DEVICES)).status).toBe(200);
  expect((await api(service, 'POST', `/api/lobby/${visit.token}/check-in`, {})).status).toBe(200);
  expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`)).status).toBe(200);
  expect((await api(service, 'POST', `/api/me/visits/${visit.id}/end`)).status).toBe(200);
  return visit;
}

const rate = (token: string, body: unknown) => api(service, 'POST', `/api/lobby/${token}/feedback`, body);
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; field?: string } }).error;

async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('not within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Patient feedback after the visit', () => {
  it('asks a completed visit’s patient for a rating, takes it with a comment and shows it to the clinicians', async () => {
    const { id, token } = await completedVisit();
    expect(await (await api(service, 'GET', `/api/lobby/${token}`)).json()).toMatchObject({ phase: 'ended', feedback: { rating: null } });

    const answer = await rate(token, { rating: 4, comment: `  ${COMMENT}  ` });

    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ phase: 'ended', feedback: { rating: 4 } });
    const lobby = (await (await api(service, 'GET', `/api/me/visits/${id}/lobby`)).json()) as { feedback: Json[]; timeline: { kind: string; actor: string; detail: Json }[] };
    expect(lobby.feedback).toEqual([{ participant: 'patient', rating: 4, comment: COMMENT, at: expect.any(String) }]);
    expect(lobby.timeline.filter((event) => event.kind === 'feedback')).toEqual([{ kind: 'feedback', at: expect.any(String), actor: 'patient', detail: { rating: 4 } }]);
  });

  it('relays the rating to the webhook as visit.feedback, without the comment, and never logs the comment', async () => {
    const { id, token } = await completedVisit();
    expect((await rate(token, { rating: 2, comment: COMMENT })).status).toBe(200);

    await until(() => receiver.events.some((hook) => hook.visitId === id && hook.type === 'visit.feedback'));
    expect(receiver.events.find((hook) => hook.visitId === id && hook.type === 'visit.feedback')).toMatchObject({ actor: 'patient', data: { rating: 2 } });
    expect(receiver.bodies.filter((body) => body.includes('inhaler'))).toEqual([]);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.filter((line) => line.includes('inhaler'))).toEqual([]);
  });

  it('refuses feedback before the visit has ended with 409 and a plain message', async () => {
    const { token } = await visitOf();
    expect(await (await api(service, 'GET', `/api/lobby/${token}`)).json()).toMatchObject({ feedback: null });

    const answer = await rate(token, { rating: 5 });

    expect(answer.status).toBe(409);
    expect(await errorOf(answer)).toEqual({ code: 'conflict', message: 'You can rate your visit once it has ended.' });
  });

  it('takes one answer per link: a second is refused with 409 and the first stands', async () => {
    const { id, token } = await completedVisit();
    expect((await rate(token, { rating: 5 })).status).toBe(200);

    const again = await rate(token, { rating: 1, comment: 'changed my mind' });

    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'conflict', message: 'You have already rated this visit. Thank you.' });
    const lobby = (await (await api(service, 'GET', `/api/me/visits/${id}/lobby`)).json()) as { feedback: Json[] };
    expect(lobby.feedback).toEqual([{ participant: 'patient', rating: 5, comment: null, at: expect.any(String) }]);
  });

  it.each([
    ['a rating of 0', { rating: 0 }, 'rating'],
    ['a rating of 6', { rating: 6 }, 'rating'],
    ['a rating of 3.5', { rating: 3.5 }, 'rating'],
    ['no rating', { comment: 'fine' }, 'rating'],
    ['a comment over 500 characters', { rating: 3, comment: 'a'.repeat(501) }, 'comment'],
  ])('refuses %s with 400 naming the field', async (_case, body, field) => {
    const { token } = await completedVisit();

    const answer = await rate(token, body);

    expect(answer.status).toBe(400);
    expect(await errorOf(answer)).toMatchObject({ code: 'validation', field });
  });

  it('refuses a link that is not Rounds’ own with 404', async () => {
    const answer = await rate('not-a-real-link-token', { rating: 5 });

    expect(answer.status).toBe(404);
  });

  it('puts the mean rating of the rated visits on the Dashboard', async () => {
    const team = { teamId: '19:dashboard-clinic@thread.tacv2', channelId: 'chan-dashboard' };
    const first = await completedVisit(team);
    const second = await completedVisit(team);
    await completedVisit(team);
    expect((await rate(first.token, { rating: 5 })).status).toBe(200);
    expect((await rate(second.token, { rating: 2 })).status).toBe(200);

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const response = await api(service, 'GET', `/api/teams/${encodeURIComponent(team.teamId)}/visit-stats?from=${day(-1)}&to=${day(2)}&timeZone=UTC`);
    expect(response.status).toBe(200);
    const { totals } = (await response.json()) as { totals: { completed: number; feedback: Json } };

    // Three completed visits, two rated: (5 + 2) / 2.
    expect(totals).toMatchObject({ completed: 3, feedback: { meanRating: 3.5, ratedVisits: 2 } });
  });
});
