/**
 * Visit types over real HTTP, signed in with Teams SSO: Rounds administrators (the Entra app role
 * Rounds.Admin) create, change, reset and delete them, each change audited; everyone signed in reads
 * them; the integration API books a visit as a type, with its default duration and its templates.
 */
import type { VisitDto, VisitTypeDto, VisitTypesResponse } from '../../bot/src/contracts/visits-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { signedInDeployment, SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const integration = { authorization: `Bearer ${KEY}` };
const ADMIN_ID = 'aaaaaaaa-0000-0000-0000-00000000000a';
const INTERPRETER = { name: 'Interpreter call', defaultDurationMinutes: 45, telehealth: true, templates: { sms: true, email: false } };

let entra: FakeEntra;
let service: RoundsService;
let admin: Record<string, string>;
let clinician: Record<string, string>;

beforeAll(async () => {
  entra = await startFakeEntra();
  service = await startRoundsForTest({ ...NO_SANDBOX, ...signedInDeployment(entra), INTEGRATION_API_KEY: KEY });
  admin = { authorization: `Bearer ${entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID, { oid: ADMIN_ID, name: 'Ida Admin', roles: ['Rounds.Admin'] }))}` };
  clinician = { authorization: `Bearer ${entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID, { roles: ['Something.Else'] }))}` };
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service?.close();
  await entra?.close();
});

const auditRows = () =>
  service.db.query<{ user_id: string; action: string; detail: Record<string, unknown> }>("SELECT user_id, action, detail FROM audit_log WHERE action LIKE 'visit_type.%' ORDER BY id");
const types = async (headers = clinician) => ((await (await api(service, 'GET', '/api/visit-types', undefined, headers)).json()) as VisitTypesResponse).visitTypes;
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const book = (body: Record<string, unknown>) =>
  api(service, 'POST', '/api/visits', { patient: { name: 'Rosa Diaz' }, start: inHours(2), patientContact: { phone: '+15551234567', email: 'rosa@example.org' }, ...body }, integration);

describe('visit types for administrators', () => {
  it('lists the built-in types to every signed-in clinician', async () => {
    expect((await types()).map(({ key, defaultDurationMinutes, builtIn }) => ({ key, defaultDurationMinutes, builtIn }))).toEqual([
      { key: 'video', defaultDurationMinutes: 30, builtIn: true },
      { key: 'family-call', defaultDurationMinutes: 30, builtIn: true },
      { key: 'follow-up', defaultDurationMinutes: 20, builtIn: true },
    ]);
  });

  it('refuses every change to a clinician without the Rounds.Admin role, saying whom to ask, and records nothing', async () => {
    for (const [method, path, body] of [
      ['POST', '/api/admin/visit-types', INTERPRETER],
      ['PUT', '/api/admin/visit-types/family-call', INTERPRETER],
      ['DELETE', '/api/admin/visit-types/family-call', undefined],
    ] as const) {
      const response = await api(service, method, path, body, clinician);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('Rounds.Admin') } });
    }
    expect(await auditRows()).toEqual([]);
  });

  it('creates a type of the organisation’s own, keyed from its name, and audits it with its settings', async () => {
    const response = await api(service, 'POST', '/api/admin/visit-types', INTERPRETER, admin);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ key: 'interpreter-call', ...INTERPRETER, builtIn: false, edited: { by: 'Ida Admin' } });
    expect((await auditRows()).at(-1)).toEqual({
      user_id: ADMIN_ID,
      action: 'visit_type.create',
      detail: { visitType: 'interpreter-call', defaultDurationMinutes: 45, telehealth: true, sms: true, email: false },
    });
    const again = await api(service, 'POST', '/api/admin/visit-types', INTERPRETER, admin);
    expect(again.status).toBe(409);
  });

  it('answers a bad default duration with 400 at its field', async () => {
    const response = await api(service, 'PUT', '/api/admin/visit-types/family-call', { ...INTERPRETER, defaultDurationMinutes: 2 }, admin);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe('defaultDurationMinutes');
  });

  it('changes a built-in type and puts it back as built in, both audited', async () => {
    const changed = await api(service, 'PUT', '/api/admin/visit-types/family-call', { name: 'Family call', defaultDurationMinutes: 40, telehealth: true, templates: { sms: true, email: true } }, admin);
    expect(changed.status).toBe(200);
    expect(((await types()).find((type) => type.key === 'family-call') as VisitTypeDto).defaultDurationMinutes).toBe(40);

    const reset = await api(service, 'DELETE', '/api/admin/visit-types/family-call', undefined, admin);
    expect(await reset.json()).toMatchObject({ key: 'family-call', defaultDurationMinutes: 30, builtIn: true, edited: null });
    expect((await auditRows()).slice(-2).map((row) => row.action)).toEqual(['visit_type.update', 'visit_type.reset']);
  });
});

describe('visitType on POST /api/visits', () => {
  it('books with the type’s default duration and only the channels of its templates', async () => {
    const response = await book({ visitType: 'interpreter-call' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ visitType: 'interpreter-call', durationMinutes: 45, notify: ['sms'] });
  });

  it('books a plain video visit without a type, and keeps a duration that was asked for', async () => {
    const visit = (await (await book({ start: inHours(4), durationMinutes: 25 })).json()) as VisitDto;
    expect(visit).toMatchObject({ visitType: 'video', durationMinutes: 25, notify: ['sms', 'email'] });
  });

  it('refuses an unknown type and a type that is not telehealth with 400 at visitType', async () => {
    expect(((await (await book({ visitType: 'nope' })).json()) as { error: { field: string } }).error.field).toBe('visitType');
    await api(service, 'POST', '/api/admin/visit-types', { ...INTERPRETER, name: 'Clinic appointment', telehealth: false }, admin);
    const refused = await book({ visitType: 'clinic-appointment' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: { code: 'validation', message: expect.stringContaining('not a telehealth visit type'), field: 'visitType' } });
  });

  it('deletes a type of the organisation’s own (204, audited); it can no longer be booked', async () => {
    expect((await api(service, 'DELETE', '/api/admin/visit-types/interpreter-call', undefined, admin)).status).toBe(204);
    expect((await auditRows()).at(-1)?.action).toBe('visit_type.delete');
    expect((await book({ visitType: 'interpreter-call', start: inHours(6) })).status).toBe(400);
  });
});
