/**
 * The on-call roster API over real HTTP, in dev mode (the dev identity, tenant 'dev-tenant'), on a
 * clock the tests move: shifts added, listed, changed and removed; who is on duty now per role; the
 * latest-started of overlapping shifts answering; bad input named by field; unknown and other
 * organisations' shifts answered 404.
 */
import type { RoleDto, ShiftDto, ShiftInputDto } from '../../bot/src/contracts/roster-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlRosterStore } from '../../bot/src/storage/sql-roster-store';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const LEE = { aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1', name: 'Dr Lee', email: 'lee@ward7.example' };
const OKAFOR = { aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a2', name: 'Dr Okafor', email: null };
const NUNEZ = { aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a3', name: 'Dr Núñez', email: null };
const UNKNOWN_ID = '5b7c0e1d-0000-4000-8000-000000000099';

/** Tuesday 10 March 2031, noon UTC; each test sets the clock it needs. */
let nowMs = Date.parse('2031-03-10T12:00:00Z');
let service: RoundsService;

beforeAll(async () => {
  service = await startRoundsForTest(NO_SANDBOX, undefined, { now: () => new Date(nowMs) });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
});

beforeEach(async () => {
  nowMs = Date.parse('2031-03-10T12:00:00Z');
  await service.db.query('DELETE FROM on_call_shifts');
});

const at = (time: string) => `2031-03-10T${time}:00.000Z`;
const shift = (overrides: Partial<ShiftInputDto> = {}): ShiftInputDto => ({ role: 'Cardiology on call', person: LEE, backup: OKAFOR, start: at('08:00'), end: at('20:00'), ...overrides });

async function add(input: ShiftInputDto): Promise<ShiftDto> {
  const response = await api(service, 'POST', '/api/roster/shifts', input);
  expect(response.status).toBe(201);
  return (await response.json()) as ShiftDto;
}

async function listed(from = at('00:00'), to = '2031-03-11T00:00:00.000Z'): Promise<ShiftDto[]> {
  const response = await api(service, 'GET', `/api/roster/shifts?from=${from}&to=${to}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { shifts: ShiftDto[] }).shifts;
}

async function roles(): Promise<RoleDto[]> {
  const response = await api(service, 'GET', '/api/roster/roles');
  expect(response.status).toBe(200);
  return ((await response.json()) as { roles: RoleDto[] }).roles;
}

async function errorOf(response: Response): Promise<{ status: number; code: string; field?: string }> {
  const body = (await response.json()) as { error: { code: string; field?: string } };
  return { status: response.status, code: body.error.code, ...(body.error.field ? { field: body.error.field } : {}) };
}

describe('on-call roster API', () => {
  it('adds, lists, changes and removes a shift', async () => {
    const added = await add(shift({ start: '2031-03-10T09:00:00+01:00' }));
    expect(added).toEqual({
      id: expect.any(String),
      role: 'Cardiology on call',
      person: LEE,
      backup: OKAFOR,
      start: at('08:00'),
      end: at('20:00'),
      updatedBy: 'Dev Clinician',
      updatedAt: new Date(nowMs).toISOString(),
      onDutyNow: true,
    });
    expect(await listed()).toEqual([added]);

    nowMs += 60_000;
    const changed = await api(service, 'PUT', `/api/roster/shifts/${added.id}`, shift({ role: 'Cardiology  on call ', person: NUNEZ, backup: null, start: at('13:00') }));
    expect(changed.status).toBe(200);
    const updated = (await changed.json()) as ShiftDto;
    expect(updated).toMatchObject({ id: added.id, role: 'Cardiology on call', person: { ...NUNEZ }, backup: null, start: at('13:00'), updatedAt: new Date(nowMs).toISOString(), onDutyNow: false });
    expect(await listed()).toEqual([updated]);

    expect((await api(service, 'DELETE', `/api/roster/shifts/${added.id}`)).status).toBe(204);
    expect(await listed()).toEqual([]);
    expect(await errorOf(await api(service, 'DELETE', `/api/roster/shifts/${added.id}`))).toEqual({ status: 404, code: 'not_found' });
  });

  it('lists the shifts overlapping the period asked, by start', async () => {
    const night = await add(shift({ role: 'Surgery on call', start: '2031-03-09T20:00:00Z', end: at('08:00') }));
    const day = await add(shift());
    await add(shift({ start: '2031-03-11T08:00:00Z', end: '2031-03-11T20:00:00Z' }));

    expect((await listed()).map((found) => found.id)).toEqual([night.id, day.id]);
    expect((await listed(at('08:00'), at('09:00'))).map((found) => found.id)).toEqual([day.id]);
  });

  it('says who is on duty now for each role, with the backup and until when', async () => {
    await add(shift());
    await add(shift({ role: 'Surgery on call', person: OKAFOR, backup: null, start: at('14:00'), end: at('22:00') }));

    expect(await roles()).toEqual([
      { role: 'Cardiology on call', onDuty: LEE, backup: OKAFOR, until: at('20:00') },
      { role: 'Surgery on call', onDuty: null, backup: null, until: null },
    ]);

    nowMs = Date.parse(at('15:00'));
    expect((await roles())[1]).toEqual({ role: 'Surgery on call', onDuty: OKAFOR, backup: null, until: at('22:00') });
  });

  it('puts the latest-started of overlapping shifts on duty, whatever the role is spelled', async () => {
    const day = await add(shift());
    // The roles list names a role as its latest change spells it.
    nowMs += 1000;
    const cover = await add(shift({ role: 'cardiology on-call', person: NUNEZ, backup: LEE, start: at('11:00'), end: at('13:00') }));

    expect((await listed()).map((found) => [found.id, found.onDutyNow])).toEqual([
      [day.id, false],
      [cover.id, true],
    ]);
    expect(await roles()).toEqual([{ role: 'cardiology on-call', onDuty: NUNEZ, backup: LEE, until: at('13:00') }]);

    nowMs = Date.parse(at('13:30'));
    expect((await listed()).map((found) => found.onDutyNow)).toEqual([true, false]);
    expect((await roles())[0]?.onDuty).toEqual(LEE);
  });

  it('refuses bad input with 400, naming the field', async () => {
    const post = async (body: unknown) => errorOf(await api(service, 'POST', '/api/roster/shifts', body));
    expect(await post({ ...shift(), role: '  ' })).toEqual({ status: 400, code: 'validation', field: 'role' });
    expect(await post({ ...shift(), role: 'on call' })).toEqual({ status: 400, code: 'validation', field: 'role' });
    expect(await post({ ...shift(), person: { name: 'Dr Lee' } })).toEqual({ status: 400, code: 'validation', field: 'person.aadObjectId' });
    expect(await post({ ...shift(), start: '2031-03-10 08:00' })).toEqual({ status: 400, code: 'validation', field: 'start' });
    expect(await post(shift({ end: at('08:00') }))).toEqual({ status: 400, code: 'validation', field: 'end' });
    expect(await post(shift({ end: '2031-03-18T08:00:01Z' }))).toEqual({ status: 400, code: 'validation', field: 'end' });
    expect(await post(shift({ backup: { ...LEE, aadObjectId: LEE.aadObjectId.toUpperCase() } }))).toEqual({ status: 400, code: 'validation', field: 'backup' });

    const get = async (query: string) => errorOf(await api(service, 'GET', `/api/roster/shifts?${query}`));
    expect(await get(`to=${at('10:00')}`)).toEqual({ status: 400, code: 'validation', field: 'from' });
    expect(await get(`from=${at('10:00')}&to=${at('09:00')}`)).toEqual({ status: 400, code: 'validation', field: 'to' });
    expect(await get(`from=${at('10:00')}&to=2031-04-11T10:00:00Z`)).toEqual({ status: 400, code: 'validation', field: 'to' });
    expect(await listed()).toEqual([]);
  });

  it('answers 404 for a shift it does not know', async () => {
    for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
      expect(await errorOf(await api(service, 'PUT', `/api/roster/shifts/${id}`, shift()))).toEqual({ status: 404, code: 'not_found' });
      expect(await errorOf(await api(service, 'DELETE', `/api/roster/shifts/${id}`))).toEqual({ status: 404, code: 'not_found' });
    }
  });

  it('keeps each organisation’s roster to itself', async () => {
    const elsewhere = await new SqlRosterStore(service.db).add('another-tenant', { role: 'Cardiology on call', person: OKAFOR, backup: null, start: new Date(at('08:00')), end: new Date(at('20:00')) }, OKAFOR, new Date(nowMs));

    expect(await listed()).toEqual([]);
    expect(await roles()).toEqual([]);
    expect((await api(service, 'PUT', `/api/roster/shifts/${elsewhere.id}`, shift())).status).toBe(404);
    expect((await api(service, 'DELETE', `/api/roster/shifts/${elsewhere.id}`)).status).toBe(404);
    expect(await new SqlRosterStore(service.db).get(elsewhere.id)).toMatchObject({ person: OKAFOR });
  });
});
