/**
 * The integration API over real HTTP: an EHR or booking system creates, reads, reschedules and
 * cancels visits with the deployment's API key. Built-in rooms, the local FHIR sandbox, PGlite.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { SANDBOX_FIXTURES } from '../../bot/src/sandbox/sandbox-fixtures';
import { type CapturedLogs, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const LEE = { aadObjectId: 'bbbbbbbb-0000-0000-0000-000000000002', name: 'Dr Lee', email: 'lee@example.org' };

function visitRequest(overrides: Record<string, unknown> = {}) {
  return {
    patient: { name: 'Jane Doe', birthDate: '1980-04-02', mrn: 'X-1001' },
    start: inHours(26),
    durationMinutes: 30,
    clinicians: [LEE],
    reason: 'wound check',
    ...overrides,
  };
}

describe('integration API for visits', () => {
  /** What the patient's page learns from its link (the lobby API answers for the page). */
  const open = (link: string) => fetch(`${service.url}/api${new URL(link).pathname}`);
  let service: RoundsService;
  const logs: CapturedLogs = { lines: [] };

  beforeAll(async () => {
    service = await startRoundsForTest({ INTEGRATION_API_KEY: KEY }, logs);
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(() => service.close());

  const post = (body: unknown, headers: Record<string, string> = {}) => api(service, 'POST', '/api/visits', body, { ...auth, ...headers });

  it('refuses callers without the key, or with a wrong one, with 401', async () => {
    expect((await api(service, 'POST', '/api/visits', visitRequest())).status).toBe(401);
    const wrong = await api(service, 'POST', '/api/visits', visitRequest(), { authorization: 'Bearer not-the-key' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/Authorization: Bearer/);
  });

  it('creates a visit for a patient given by demographics and returns both links', async () => {
    const response = await post(visitRequest());
    expect(response.status).toBe(201);
    const visit = (await response.json()) as Record<string, string>;
    expect(visit).toMatchObject({ status: 'scheduled', durationMinutes: 30 });
    expect(visit.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(visit.patientJoinUrl).toMatch(/^http:\/\/localhost:\d+\/lobby\/[A-Za-z0-9_-]{48}$/);
    expect(visit.clinicianJoinUrl).toMatch(/\/rooms\//);
    // The patient's link is the lobby, never the meeting itself.
    expect(visit.patientJoinUrl).not.toContain(visit.clinicianJoinUrl);
  });

  it('creates a visit for an EHR patient by FHIR id, with the name and MRN from the EHR', async () => {
    const patient = SANDBOX_FIXTURES.first;
    const response = await post(visitRequest({ patient: { id: patient.id }, clinicians: [], start: inHours(30) }));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ patient: { id: patient.id, mrn: patient.mrn, name: expect.stringContaining(patient.family ?? '') } });
  });

  it('answers the same Idempotency-Key with the same visit, saving one', async () => {
    const body = visitRequest({ start: inHours(50), clinicians: [{ name: 'Dr Idem' }] });
    const [first, second] = await Promise.all([post(body, { 'idempotency-key': 'appt-77' }), post(body, { 'idempotency-key': 'appt-77' })]);
    const ids = [((await first.json()) as { id: string }).id, ((await second.json()) as { id: string }).id];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(ids[0]).toBe(ids[1]);
    const rows = await service.db.query<{ n: number }>("SELECT count(*)::int AS n FROM visits WHERE idempotency_key = 'api:appt-77'");
    expect(rows[0]?.n).toBe(1);
  });

  it.each([
    ['no start', { start: undefined }, 'start'],
    ['a start without a time zone', { start: '2030-01-01T10:00:00' }, 'start'],
    ['a start in the past', { start: inHours(-2) }, 'start'],
    ['a two-minute visit', { durationMinutes: 2 }, 'durationMinutes'],
    ['no patient', { patient: {} }, 'patient.id'],
    ['an unknown EHR patient', { patient: { id: 'no-such-patient' } }, 'patient.id'],
    ['SMS asked for without a mobile number', { notify: ['sms'] }, 'patientContact.phone'],
    ['a malformed phone number', { patientContact: { phone: '555-1234' } }, 'patientContact.phone'],
  ])('answers %s with 400 naming the field, and saves nothing', async (_case, overrides, field) => {
    const before = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM visits');
    const response = await post(visitRequest({ ...overrides, clinicians: [] }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error).toMatchObject({ code: 'validation', field });
    expect(body.error.message.length).toBeGreaterThan(5);
    const after = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM visits');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses a visit that overlaps another of the same clinician', async () => {
    const start = inHours(70);
    expect((await post(visitRequest({ start, clinicians: [{ name: 'Dr Busy' }] }))).status).toBe(201);
    const clash = await post(visitRequest({ start: new Date(Date.parse(start) + 15 * 60_000).toISOString(), clinicians: [{ name: 'dr  busy' }] }));
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({ error: { field: 'start', message: expect.stringContaining('Dr Busy') } });
  });

  it('reads, reschedules and cancels a visit; old patient links stop working', async () => {
    const created = (await (await post(visitRequest({ start: inHours(90), clinicians: [] }))).json()) as { id: string; patientJoinUrl: string };
    expect((await open(created.patientJoinUrl)).status).toBe(200);

    const read = await api(service, 'GET', `/api/visits/${created.id}`, undefined, auth);
    expect(read.status).toBe(200);

    const newStart = inHours(94);
    const moved = await api(service, 'PATCH', `/api/visits/${created.id}`, { start: newStart, durationMinutes: 45 }, auth);
    expect(moved.status).toBe(200);
    const movedBody = (await moved.json()) as { start: string; durationMinutes: number; patientJoinUrl: string };
    expect(movedBody).toMatchObject({ start: newStart, durationMinutes: 45 });
    expect(movedBody.patientJoinUrl).not.toBe(created.patientJoinUrl);
    expect((await open(created.patientJoinUrl)).status).toBe(404);
    expect((await open(movedBody.patientJoinUrl)).status).toBe(200);

    const cancelled = await api(service, 'DELETE', `/api/visits/${created.id}`, undefined, auth);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    const after = await api(service, 'GET', `/api/visits/${created.id}`, undefined, auth);
    expect(await after.json()).toMatchObject({ id: created.id, status: 'cancelled' });
    const page = await open(movedBody.patientJoinUrl);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Jane');
    // A cancelled visit cannot be moved again.
    expect((await api(service, 'PATCH', `/api/visits/${created.id}`, { durationMinutes: 20 }, auth)).status).toBe(409);
  });

  it('answers unknown visit ids with 404, and bad reschedules with 400', async () => {
    expect((await api(service, 'GET', '/api/visits/00000000-0000-4000-8000-000000000000', undefined, auth)).status).toBe(404);
    expect((await api(service, 'GET', '/api/visits/not-a-uuid', undefined, auth)).status).toBe(404);
    const created = (await (await post(visitRequest({ start: inHours(120), clinicians: [] }))).json()) as { id: string };
    const empty = await api(service, 'PATCH', `/api/visits/${created.id}`, {}, auth);
    expect(empty.status).toBe(400);
    const past = await api(service, 'PATCH', `/api/visits/${created.id}`, { start: inHours(-1) }, auth);
    expect(await past.json()).toMatchObject({ error: { code: 'validation', field: 'start' } });
  });

  it('audits every read of a visit, and keeps patient names out of the logs', async () => {
    const created = (await (await post(visitRequest({ start: inHours(140), clinicians: [], patient: { name: 'Zebulon Quarrington' } }))).json()) as { id: string };
    await api(service, 'GET', `/api/visits/${created.id}`, undefined, auth);
    const audit = await service.db.query<{ action: string; user_id: string }>(
      "SELECT action, user_id FROM audit_log WHERE detail->>'visitId' = $1 ORDER BY at",
      [created.id],
    );
    expect(audit.map((row) => row.action)).toEqual(['visit.create', 'visit.view']);
    expect(audit[0]?.user_id).toBe('integration-api');
    expect(logs.lines.join('\n')).not.toContain('Quarrington');
  });
});
