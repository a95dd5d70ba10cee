/**
 * A care team's visit figures over real HTTP (GET /api/teams/:teamId/visit-stats and its CSV), on
 * PGlite and, when DATABASE_URL is set, PostgreSQL: six visits with a known timeline, the figures
 * worked out by hand below. Membership and identity with Teams SSO tokens.
 */
import { parse } from 'csv-parse/sync';
import type { VisitStatsDto } from '../../bot/src/contracts/visit-stats-api';
import type { Visit } from '../../bot/src/domain/visits/visit-types';
import type { RoundsService } from '../../bot/src/rounds-service';
import { signedInDeployment, SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';
import { postgresUrl } from '../support/postgres';
import { EMBEDDED_DATABASE, NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { SqlLobbyStore } from '../../bot/src/storage/sql-lobby-store';
import { seedTimeline, seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';

const clinic = { teamId: '19:clinic@thread.tacv2', channelId: 'chan-clinic' };
const base = `/api/teams/${encodeURIComponent(clinic.teamId)}/visit-stats`;

const ended = (lengthSeconds: number) => ({ reason: 'clinician', lengthSeconds, admitted: true });
const deviceCheck = (failed: string | null) => ({ failed, rttMs: 80 });

/**
 * 10 March (UTC): A completed (wait 120 s, length 900 s, device ok), B completed (checked in twice:
 * the wait runs from the later check-in, 600 s; length 1200 s; one failed device check then a good one),
 * C no-show (device check failed, never checked in).
 * 11 March: D completed (wait 300 s, length 1800 s, device ok), E cancelled, F completed (wait 1200 s,
 * length 600 s, no device check).
 * Ratings: A by the patient 5 and a guest 3 (the visit counts once, as 4), B 2, D 4; F not rated.
 * Calls: A the patient's median good and the clinician's fair (the visit: fair), B good, D poor; F not measured.
 * Not counted: another team's visit (rated 1), a visit with no team, another tenant's visit under the
 * same team id, and one on 13 March.
 */
async function seedClinic(service: RoundsService): Promise<void> {
  const visit = (start: string, status: Visit['status'], origin: Partial<Visit['origin']> = clinic, tenantId?: string) =>
    seedVisit(service, { patient: { name: `Patient ${start}` }, start, status, origin, ...(tenantId ? { tenantId } : {}) });

  const a = await visit('2031-03-10T09:00:00Z', 'completed');
  await seedTimeline(service, a.id, [
    ['device_check', '2031-03-10T08:57:00Z', deviceCheck(null)],
    ['checked_in', '2031-03-10T08:58:00Z'],
    ['admitted', '2031-03-10T09:00:00Z'],
    ['ended', '2031-03-10T09:15:00Z', ended(900)],
  ]);
  const b = await visit('2031-03-10T10:00:00Z', 'completed');
  await seedTimeline(service, b.id, [
    ['device_check', '2031-03-10T09:48:00Z', deviceCheck('camera')],
    ['device_check', '2031-03-10T09:49:00Z', deviceCheck(null)],
    ['checked_in', '2031-03-10T09:50:00Z'],
    ['checked_in', '2031-03-10T09:55:00Z'],
    ['admitted', '2031-03-10T10:05:00Z'],
    ['ended', '2031-03-10T10:25:00Z', ended(1200)],
  ]);
  const c = await visit('2031-03-10T11:00:00Z', 'no_show');
  await seedTimeline(service, c.id, [['device_check', '2031-03-10T10:58:00Z', deviceCheck('microphone')]]);

  const d = await visit('2031-03-11T09:00:00Z', 'completed');
  await seedTimeline(service, d.id, [
    ['device_check', '2031-03-11T08:58:00Z', deviceCheck(null)],
    ['checked_in', '2031-03-11T08:59:00Z'],
    ['admitted', '2031-03-11T09:04:00Z'],
    ['ended', '2031-03-11T09:34:00Z', ended(1800)],
  ]);
  await visit('2031-03-11T10:00:00Z', 'cancelled');
  const f = await visit('2031-03-11T11:00:00Z', 'completed');
  await seedTimeline(service, f.id, [
    ['checked_in', '2031-03-11T10:40:00Z'],
    ['admitted', '2031-03-11T11:00:00Z'],
    ['ended', '2031-03-11T11:10:00Z', ended(600)],
  ]);

  const call = (visitId: string, ...medians: string[]) =>
    seedTimeline(service, visitId, medians.map((median) => ['call_quality', '2031-03-11T12:00:00Z', { samples: 10, worst: 'poor', median }] as const));
  await call(a.id, 'good', 'fair');
  await call(b.id, 'good');
  await call(d.id, 'poor');

  const rate = (visitId: string, rating: number, participant = 'patient') =>
    new SqlLobbyStore(service.db).addFeedback(visitId, { participant, rating, comment: 'Kind and on time', at: new Date('2031-03-11T12:00:00Z') });
  await rate(a.id, 5);
  await rate(a.id, 3, 'guest:2b7c1f8e-8c53-4d49-9a51-1d0c8e7e2f10');
  await rate(b.id, 2);
  await rate(d.id, 4);

  const other = await visit('2031-03-10T12:00:00Z', 'completed', { teamId: 'team-other', channelId: 'chan-other' });
  await rate(other.id, 1);
  await visit('2031-03-10T13:00:00Z', 'completed', {});
  await visit('2031-03-10T14:00:00Z', 'completed', clinic, 'another-tenant');
  await visit('2031-03-13T09:00:00Z', 'completed');
}

async function stats(service: RoundsService, query: string): Promise<VisitStatsDto> {
  const response = await api(service, 'GET', `${base}?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as VisitStatsDto;
}

async function errorOf(response: Response): Promise<{ code: string; message: string; field?: string }> {
  return ((await response.json()) as { error: { code: string; message: string; field?: string } }).error;
}

const noRatings = { feedback: { meanRating: null, ratedVisits: 0 } };
const noCalls = { callQuality: { measuredVisits: 0, good: 0, fair: 0, poor: 0 } };

/** PostgreSQL when the run has a server: the service then gets a database of its own there (rounds-under-test.ts). */
const backends: { name: string; backend: 'pglite' | 'postgres'; env: Record<string, string> }[] = [
  { name: 'PGlite', backend: 'pglite', env: { ...EMBEDDED_DATABASE } },
  ...(postgresUrl ? [{ name: 'PostgreSQL', backend: 'postgres' as const, env: {} }] : []),
];

describe.each(backends)('visit figures of a team on $name (dev identity)', ({ backend, env }) => {
  let service: RoundsService;

  beforeAll(async () => {
    service = await startRoundsForTest({ ...NO_SANDBOX, ...env });
    await seedClinic(service);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('gives the period’s figures as worked out by hand: counts, median and 90th-percentile wait, median length, device failures, call grades, mean rating of rated visits', async () => {
    expect(service.db.backend).toBe(backend);
    const found = await stats(service, 'from=2031-03-09&to=2031-03-12&timeZone=UTC');

    // Waits 120, 300, 600, 1200: median (300+600)/2; p90 at rank 0.9*3 = 2.7, 600 + 0.7*600.
    // Lengths 600, 900, 1200, 1800: median (900+1200)/2. Device checks A, B, C, D; failed B and C.
    // Rated visits A (4), B (2), D (4): mean 10/3.
    expect(found.totals).toEqual({
      visits: 6,
      completed: 4,
      noShows: 1,
      cancelled: 1,
      medianWaitSeconds: 450,
      p90WaitSeconds: 1020,
      medianLengthSeconds: 1050,
      deviceChecked: 4,
      deviceFailed: 2,
      deviceFailureRate: 0.5,
      callQuality: { measuredVisits: 3, good: 1, fair: 1, poor: 1 },
      feedback: { meanRating: 10 / 3, ratedVisits: 3 },
    });
  });

  it('gives each day of the range, days without visits included', async () => {
    const found = await stats(service, 'from=2031-03-09&to=2031-03-12&timeZone=UTC');

    expect(found.days.map((day) => day.day)).toEqual(['2031-03-09', '2031-03-10', '2031-03-11', '2031-03-12']);
    const empty = { visits: 0, completed: 0, noShows: 0, cancelled: 0, medianWaitSeconds: null, p90WaitSeconds: null, medianLengthSeconds: null, deviceChecked: 0, deviceFailed: 0, deviceFailureRate: null, ...noCalls, ...noRatings };
    expect(found.days[0]).toEqual({ day: '2031-03-09', ...empty });
    expect(found.days[3]).toEqual({ day: '2031-03-12', ...empty });
    // 10th: waits 120, 600 (p90 120 + 0.9*480); lengths 900, 1200; 2 of 3 device checks failed.
    expect(found.days[1]).toEqual({
      day: '2031-03-10',
      visits: 3,
      completed: 2,
      noShows: 1,
      cancelled: 0,
      medianWaitSeconds: 360,
      p90WaitSeconds: 552,
      medianLengthSeconds: 1050,
      deviceChecked: 3,
      deviceFailed: 2,
      deviceFailureRate: 2 / 3,
      callQuality: { measuredVisits: 2, good: 1, fair: 1, poor: 0 },
      feedback: { meanRating: 3, ratedVisits: 2 },
    });
    // 11th: waits 300, 1200 (p90 300 + 0.9*900); lengths 1800, 600; the one device check passed.
    expect(found.days[2]).toEqual({
      day: '2031-03-11',
      visits: 3,
      completed: 2,
      noShows: 0,
      cancelled: 1,
      medianWaitSeconds: 750,
      p90WaitSeconds: 1110,
      medianLengthSeconds: 1200,
      deviceChecked: 1,
      deviceFailed: 0,
      deviceFailureRate: 0,
      callQuality: { measuredVisits: 1, good: 0, fair: 0, poor: 1 },
      feedback: { meanRating: 4, ratedVisits: 1 },
    });
  });

  it('counts a visit on its day in the viewer’s time zone', async () => {
    // Auckland is UTC+13 in March: 11:00 UTC on the 10th (the no-show) is already the 11th there.
    const found = await stats(service, 'from=2031-03-10&to=2031-03-10&timeZone=Pacific%2FAuckland');

    expect(found.totals).toMatchObject({ visits: 2, completed: 2, noShows: 0, medianWaitSeconds: 360 });
  });

  it('answers a range without visits with zero counts and no medians', async () => {
    const found = await stats(service, 'from=2031-01-01&to=2031-01-02&timeZone=UTC');

    expect(found.totals).toMatchObject({ visits: 0, medianWaitSeconds: null, p90WaitSeconds: null, medianLengthSeconds: null, deviceFailureRate: null });
    expect(found.days).toHaveLength(2);
  });

  it('exports the daily figures as CSV with a byte-order mark, one line per day and one for the period', async () => {
    const response = await api(service, 'GET', `${base}.csv?from=2031-03-10&to=2031-03-11&timeZone=UTC`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="visit-figures-2031-03-10-to-2031-03-11.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(new TextDecoder().decode(bytes), { bom: true, columns: true });
    expect(rows.map((row) => row.Day)).toEqual(['2031-03-10', '2031-03-11', '2031-03-10 to 2031-03-11']);
    expect(rows[0]).toEqual({
      Day: '2031-03-10',
      Visits: '3',
      Completed: '2',
      'No-shows': '1',
      Cancelled: '0',
      'Median wait (min)': '6.0',
      '90th percentile wait (min)': '9.2',
      'Median visit length (min)': '17.5',
      'Device checks': '3',
      'Device check failures': '2',
      'Device check failure rate (%)': '66.7',
      'Calls measured': '2',
      'Calls good': '1',
      'Calls fair': '1',
      'Calls poor': '0',
      'Patient feedback (mean of 1-5)': '3.0',
      'Rated visits': '2',
    });
    expect(rows[2]).toMatchObject({
      Visits: '6',
      'Median wait (min)': '7.5',
      '90th percentile wait (min)': '17.0',
      'Device check failure rate (%)': '50.0',
      'Patient feedback (mean of 1-5)': '3.3',
      'Rated visits': '3',
    });
  });

  it('audits each read as aggregate data: the team and the range, no patient', async () => {
    await stats(service, 'from=2031-03-10&to=2031-03-10&timeZone=UTC');

    const rows = await service.db.query<{ patient_ref: string | null; detail: Record<string, unknown> }>(
      "SELECT patient_ref, detail FROM audit_log WHERE action = 'visit.stats' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]).toEqual({ patient_ref: null, detail: { teamId: clinic.teamId, from: '2031-03-10', to: '2031-03-10', visits: 3 } });
  });

  it.each([
    ['to before from', 'from=2031-03-10&to=2031-03-09&timeZone=UTC', 'to'],
    ['more than 366 days', 'from=2030-03-10&to=2031-03-11&timeZone=UTC', 'to'],
    ['a date that does not exist', 'from=2031-02-30&to=2031-03-10&timeZone=UTC', 'from'],
    ['no range', 'timeZone=UTC', 'from'],
    ['an unknown time zone', 'from=2031-03-10&to=2031-03-10&timeZone=Mars%2FOlympus', 'timeZone'],
  ])('refuses %s with 400 naming the field', async (_case, query, field) => {
    for (const path of [base, `${base}.csv`]) {
      const response = await api(service, 'GET', `${path}?${query}`);
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'validation', field });
    }
  });

  it('takes a full year (366 days) as the widest range', async () => {
    const found = await stats(service, 'from=2030-03-11&to=2031-03-11&timeZone=UTC');

    expect(found.days).toHaveLength(366);
    expect(found.totals.visits).toBe(6);
  });
});

describe('visit figures with Teams sign-in', () => {
  let entra: FakeEntra;
  let service: RoundsService;

  beforeAll(async () => {
    entra = await startFakeEntra();
    service = await startRoundsForTest({ ...NO_SANDBOX, ...signedInDeployment(entra) });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await entra?.close();
  });

  it('refuses a caller whose membership of the team cannot be confirmed with 403, for the figures and the CSV', async () => {
    const auth = { authorization: `Bearer ${entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID))}` };
    for (const path of [base, `${base}.csv`]) {
      const response = await api(service, 'GET', `${path}?from=2031-03-10&to=2031-03-10&timeZone=UTC`, undefined, auth);
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only members of this team/) });
    }
  });

  it('refuses a caller without a token with 401', async () => {
    expect((await api(service, 'GET', `${base}?from=2031-03-10&to=2031-03-10&timeZone=UTC`)).status).toBe(401);
  });
});
