/**
 * The tabs' visit API over real HTTP: GET /api/me/visits, GET /api/channel-visits and the cancel
 * and resend actions, in dev mode (the dev identity) and, for membership and identity, with Teams
 * SSO tokens. Visits are seeded straight into the database (test/support/seed-visits.ts).
 */
import type { VisitBoard } from '../../bot/src/contracts/visit-board-api';
import type { VisitDto } from '../../bot/src/contracts/visits-api';
import type { Visit } from '../../bot/src/domain/visits/visit-types';
import type { RoundsService } from '../../bot/src/rounds-service';
import { signedInDeployment, SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { DEV_USER, devClinician, seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';


const colleague = { aadObjectId: '7c0e1d2a-0000-4000-8000-000000000007', name: 'Dr Okafor', email: null };
const ward = { teamId: 'team-ward7', channelId: 'chan-ward7' };

async function board(service: RoundsService, path: string, headers: Record<string, string> = {}): Promise<VisitBoard> {
  const response = await api(service, 'GET', path, undefined, headers);
  expect(response.status).toBe(200);
  return (await response.json()) as VisitBoard;
}
const names = (found: VisitBoard) => found.visits.map((visit) => visit.patient.name);

describe('in dev mode (the dev identity)', () => {
  let service: RoundsService;
  const seeded: Record<string, Visit> = {};

  beforeAll(async () => {
    service = await startRoundsForTest(NO_SANDBOX);
    const seeds = {
      created: { patient: { name: 'Ada Lovelace', mrn: 'MRN-001' }, start: '2031-03-10T09:00:00Z', reason: 'Post-op check', notify: ['email' as const] },
      clinician: { patient: { name: 'Grace Hopper' }, start: '2031-03-10T14:00:00Z', clinicians: [devClinician, colleague], createdBy: { id: colleague.aadObjectId, name: colleague.name } },
      colleagues: { patient: { name: 'Someone Else' }, start: '2031-03-10T10:00:00Z', clinicians: [colleague], createdBy: { id: colleague.aadObjectId, name: colleague.name } },
      otherTenant: { patient: { name: 'Other Tenant' }, start: '2031-03-10T11:00:00Z', tenantId: 'another-tenant' },
      lateEvening: { patient: { name: 'Late Evening' }, start: '2031-03-10T23:30:00Z' },
      nextWeek: { patient: { name: 'Next Week' }, start: '2031-03-17T09:00:00Z' },
      cancelled: { patient: { name: 'Cancelled Carl' }, start: '2031-03-10T12:00:00Z', status: 'cancelled' as const },
      completed: { patient: { name: 'Completed Cleo' }, start: '2031-03-10T08:00:00Z', status: 'completed' as const },
      channel: { patient: { name: 'Ward Patient' }, start: '2031-03-10T15:00:00Z', clinicians: [colleague], createdBy: { id: colleague.aadObjectId, name: colleague.name }, origin: ward },
    };
    for (const [key, seed] of Object.entries(seeds)) seeded[key] = await seedVisit(service, seed);
  }, SERVICE_START_TIMEOUT_MS);

  afterAll(async () => {
    await service.close();
  });

  it('lists the visits I scheduled or run, in start order, and no colleague’s or other tenant’s', async () => {
    const found = await board(service, '/api/me/visits?from=2031-03-10&to=2031-03-10&timeZone=UTC');

    expect(names(found)).toEqual(['Completed Cleo', 'Ada Lovelace', 'Grace Hopper', 'Late Evening']);
    const ada = found.visits[1] as VisitDto;
    expect(ada).toMatchObject({
      id: seeded.created?.id,
      status: 'scheduled',
      start: '2031-03-10T09:00:00.000Z',
      end: '2031-03-10T09:30:00.000Z',
      patient: { name: 'Ada Lovelace', mrn: 'MRN-001' },
      reason: 'Post-op check',
      clinicianJoinUrl: expect.stringMatching(/\/rooms\//),
      patientJoinUrl: expect.stringMatching(/\/lobby\//),
    });
  });

  it('takes the days in the viewer’s time zone, both ends included', async () => {
    // 23:30 UTC on the 10th is already the 11th in Berlin.
    expect(names(await board(service, '/api/me/visits?from=2031-03-11&to=2031-03-11&timeZone=Europe%2FBerlin'))).toEqual(['Late Evening']);
    expect(names(await board(service, '/api/me/visits?from=2031-03-11&to=2031-03-11&timeZone=UTC'))).toEqual([]);
    // 09:00 UTC on the 17th is 05:00 in New York (EDT): still the 17th, the last day of the range.
    expect(names(await board(service, '/api/me/visits?from=2031-03-11&to=2031-03-17&timeZone=America%2FNew_York'))).toEqual(['Next Week']);
    expect(names(await board(service, '/api/me/visits?from=2031-03-11&to=2031-03-16&timeZone=America%2FNew_York'))).toEqual([]);
  });

  it('leaves cancelled visits out unless the status filter names them, and filters by status', async () => {
    const day = '/api/me/visits?from=2031-03-10&to=2031-03-10&timeZone=UTC';

    expect(names(await board(service, `${day}&status=cancelled`))).toEqual(['Cancelled Carl']);
    expect(names(await board(service, `${day}&status=completed,cancelled`))).toEqual(['Completed Cleo', 'Cancelled Carl']);
    expect(names(await board(service, `${day}&status=scheduled`))).toEqual(['Ada Lovelace', 'Grace Hopper', 'Late Evening']);
  });

  it.each([
    ['from missing', 'to=2031-03-10&timeZone=UTC', 'from'],
    ['from not a real date', 'from=2031-02-30&to=2031-03-10&timeZone=UTC', 'from'],
    ['to before from', 'from=2031-03-10&to=2031-03-09&timeZone=UTC', 'to'],
    ['more than 31 days', 'from=2031-03-01&to=2031-04-01&timeZone=UTC', 'to'],
    ['an unknown time zone', 'from=2031-03-10&to=2031-03-10&timeZone=Mars%2FOlympus', 'timeZone'],
    ['an unknown status', 'from=2031-03-10&to=2031-03-10&timeZone=UTC&status=scheduled,lost', 'status'],
  ])('refuses a query with %s: 400 naming the field', async (_case, query, field) => {
    const response = await api(service, 'GET', `/api/me/visits?${query}`);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'validation', message: expect.any(String), field } });
  });

  it('accepts 31 days, both ends counted', async () => {
    expect((await api(service, 'GET', '/api/me/visits?from=2031-03-01&to=2031-03-31&timeZone=UTC')).status).toBe(200);
  });

  it('lists a channel’s visits, whoever runs them, and needs the channel', async () => {
    const query = `teamId=${ward.teamId}&channelId=${ward.channelId}&from=2031-03-10&to=2031-03-10&timeZone=UTC`;
    expect(names(await board(service, `/api/channel-visits?${query}`))).toEqual(['Ward Patient']);

    const missing = await api(service, 'GET', '/api/channel-visits?channelId=chan-ward7&from=2031-03-10&to=2031-03-10&timeZone=UTC');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe('teamId');
  });

  it('cancels my visit: its status comes back, and it then lists only as cancelled', async () => {
    const id = seeded.clinician?.id ?? '';
    const response = await api(service, 'POST', `/api/me/visits/${id}/cancel`, {});

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: 'cancelled', cancelledAt: expect.any(String) });
    const day = '/api/me/visits?from=2031-03-10&to=2031-03-10&timeZone=UTC';
    expect(names(await board(service, day))).not.toContain('Grace Hopper');
    expect(names(await board(service, `${day}&status=cancelled`))).toContain('Grace Hopper');
  });

  it('refuses to cancel a colleague’s visit (403) and one that does not exist (404)', async () => {
    expect((await api(service, 'POST', `/api/me/visits/${seeded.colleagues?.id ?? ''}/cancel`, {})).status).toBe(403);
    expect((await api(service, 'POST', '/api/me/visits/00000000-0000-4000-8000-000000000000/cancel', {})).status).toBe(404);
    expect((await api(service, 'POST', `/api/me/visits/${seeded.otherTenant?.id ?? ''}/cancel`, {})).status).toBe(404);
  });

  it('resends the invitation of a visit that can reach the patient, and says why it cannot otherwise', async () => {
    const sent = await api(service, 'POST', `/api/me/visits/${seeded.created?.id ?? ''}/resend`, {});
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ id: seeded.created?.id, status: 'scheduled' });

    const unreachable = await api(service, 'POST', `/api/me/visits/${seeded.lateEvening?.id ?? ''}/resend`, {});
    expect(unreachable.status).toBe(400);
    expect(((await unreachable.json()) as { error: { message: string } }).error.message).toMatch(/no way to reach the patient/);
  });
});

describe('with Teams SSO', () => {
  const APP_ID = SSO_APP_ID;
  const TENANT = SSO_TENANT_ID;
  let entra: FakeEntra;
  let service: RoundsService;
  let auth: Record<string, string>;

  beforeAll(async () => {
    entra = await startFakeEntra();
    service = await startRoundsForTest({ ...NO_SANDBOX, ...signedInDeployment(entra) });
    auth = { authorization: `Bearer ${entra.sign(ssoClaims(APP_ID, TENANT))}` };
  }, SERVICE_START_TIMEOUT_MS);

  afterAll(async () => {
    await service?.close();
    await entra?.close();
  });

  it('lists the visits of the signed-in user, found by their Entra object id', async () => {
    const me = { aadObjectId: ssoClaims(APP_ID, TENANT).oid, name: 'Dr Lee', email: null };
    const scheduledBy = { id: colleague.aadObjectId, name: colleague.name };
    await seedVisit(service, { tenantId: TENANT, patient: { name: 'Mine' }, start: '2031-03-10T09:00:00Z', clinicians: [me], createdBy: scheduledBy });
    await seedVisit(service, { tenantId: TENANT, patient: { name: 'Not mine' }, start: '2031-03-10T10:00:00Z', clinicians: [colleague], createdBy: scheduledBy });
    // The dev identity means nothing here.
    await seedVisit(service, { tenantId: TENANT, patient: { name: 'Dev user’s' }, start: '2031-03-10T11:00:00Z', createdBy: { id: DEV_USER.id, name: DEV_USER.name } });

    expect(names(await board(service, '/api/me/visits?from=2031-03-10&to=2031-03-10&timeZone=UTC', auth))).toEqual(['Mine']);
    expect((await api(service, 'GET', '/api/me/visits?from=2031-03-10&to=2031-03-10&timeZone=UTC')).status).toBe(401);
  });

  it('refuses a channel’s visits with 403 when the caller’s membership of the team cannot be confirmed', async () => {
    const response = await api(service, 'GET', `/api/channel-visits?teamId=${ward.teamId}&channelId=${ward.channelId}&from=2031-03-10&to=2031-03-10&timeZone=UTC`, undefined, auth);

    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only members of this team/) });
  });

  it('refuses the whole team’s visits and their live stream (the Visits tab) to a caller not confirmed in the team', async () => {
    const list = await api(service, 'GET', `/api/channel-visits?teamId=${ward.teamId}&from=2031-03-10&to=2031-03-10&timeZone=UTC`, undefined, auth);
    const stream = await api(service, 'GET', `/api/channel-visits/events?teamId=${ward.teamId}`, undefined, auth);

    expect([list.status, stream.status]).toEqual([403, 403]);
    expect(((await stream.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only members of this team/) });
  });
});
