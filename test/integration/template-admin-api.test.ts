/**
 * The message templates API over real HTTP, signed in with Teams SSO tokens: Rounds administrators
 * (the Entra app role Rounds.Admin) list, change, preview and reset templates, each change audited
 * without the text; everyone else is refused.
 */
import type { TemplateDto, TemplatePreview, TemplatesResponse } from '../../bot/src/contracts/templates-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { signedInDeployment, SSO_APP_ID, SSO_TENANT_ID, ssoClaims, startFakeEntra, type FakeEntra } from '../support/fake-entra';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';

let entra: FakeEntra;
let service: RoundsService;
let admin: Record<string, string>;
let clinician: Record<string, string>;

const INVITE = 'Hello {{patient.given_name}}, see {{clinician.name}} on {{visit.start_time}}: {{visit.join_url}}';

beforeAll(async () => {
  entra = await startFakeEntra();
  service = await startRoundsForTest({ ...NO_SANDBOX, ...signedInDeployment(entra) });
  admin = { authorization: `Bearer ${entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID, { oid: 'aaaaaaaa-0000-0000-0000-00000000000a', name: 'Ida Admin', roles: ['Rounds.Admin'] }))}` };
  clinician = { authorization: `Bearer ${entra.sign(ssoClaims(SSO_APP_ID, SSO_TENANT_ID, { roles: ['Something.Else'] }))}` };
});

afterAll(async () => {
  await service?.close();
  await entra?.close();
});

const auditRows = () =>
  service.db.query<{ user_id: string; action: string; detail: Record<string, unknown>; patient_ref: string | null }>(
    "SELECT user_id, action, detail, patient_ref FROM audit_log WHERE action LIKE 'template.%' ORDER BY id",
  );

describe('message templates for administrators', () => {
  it('lists every template with its variables, which are required, and the built-in text', async () => {
    const response = await api(service, 'GET', '/api/admin/templates', undefined, admin);
    expect(response.status).toBe(200);
    const { templates } = (await response.json()) as TemplatesResponse;
    expect(templates.map((t) => t.key).sort()).toEqual(['cancel.email', 'cancel.sms', 'invite.email', 'invite.sms', 'reminder.email', 'reminder.sms', 'reschedule.email', 'reschedule.sms']);
    const invite = templates.find((t) => t.key === 'invite.sms')!;
    expect(invite).toMatchObject({ event: 'invite', channel: 'sms', subject: null, edited: null });
    expect(invite.body).toBe(invite.builtIn.body);
    expect(invite.variables).toContainEqual({ name: 'visit.join_url', help: expect.any(String), required: true });
    expect(invite.variables.map((v) => v.name)).not.toContain('patient.name');
    expect(templates.find((t) => t.key === 'cancel.sms')!.variables.map((v) => v.name)).not.toContain('visit.join_url');
  });

  it('changes a template, shows who edited it, and audits the change with lengths only', async () => {
    const response = await api(service, 'PUT', '/api/admin/templates/invite.sms', { body: INVITE }, admin);
    expect(response.status).toBe(200);
    const saved = (await response.json()) as TemplateDto;
    expect(saved).toMatchObject({ key: 'invite.sms', body: INVITE, edited: { by: 'Ida Admin', at: expect.any(String) } });
    expect(saved.builtIn.body).not.toBe(INVITE);

    const listed = (await (await api(service, 'GET', '/api/admin/templates', undefined, admin)).json()) as TemplatesResponse;
    expect(listed.templates.find((t) => t.key === 'invite.sms')!.body).toBe(INVITE);
    const rows = await auditRows();
    expect(rows.at(-1)).toEqual({
      user_id: 'aaaaaaaa-0000-0000-0000-00000000000a',
      action: 'template.update',
      patient_ref: null,
      detail: { template: 'invite.sms', beforeLength: saved.builtIn.body.length, afterLength: INVITE.length },
    });
    expect(JSON.stringify(rows)).not.toContain('Hello');
  });

  it('previews a draft with sample values and counts its SMS length and parts', async () => {
    const response = await api(service, 'POST', '/api/admin/templates/reminder.sms/preview', { body: 'Hi {{patient.given_name}} ’ {{visit.join_url}}' }, admin);
    expect(response.status).toBe(200);
    const preview = (await response.json()) as TemplatePreview;
    expect(preview.body).toMatch(/^Hi Alex ’ http:\/\/localhost:3978\/lobby\/x{48}$/);
    expect(preview.sms).toEqual({ characters: preview.body.length, segments: 2, encoding: 'ucs2' });

    const email = (await (await api(service, 'POST', '/api/admin/templates/invite.email/preview', { subject: 'Visit on {{visit.date}}', body: 'Join: {{visit.join_url}}' }, admin)).json()) as TemplatePreview;
    expect(email).toMatchObject({ subject: 'Visit on Tuesday 24 November 2026', sms: null });
    expect(await auditRows()).toHaveLength(1);
  });

  it('refuses an unknown variable, naming it, and changes nothing', async () => {
    for (const path of ['/api/admin/templates/invite.sms', '/api/admin/templates/invite.sms/preview']) {
      const response = await api(service, path.endsWith('preview') ? 'POST' : 'PUT', path, { body: 'Your {{visit.reason}} visit: {{visit.join_url}}' }, admin);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string; field: string } };
      expect(error).toMatchObject({ code: 'validation', field: 'body' });
      expect(error.message).toContain('Unknown variable {{visit.reason}}');
    }
    const listed = (await (await api(service, 'GET', '/api/admin/templates', undefined, admin)).json()) as TemplatesResponse;
    expect(listed.templates.find((t) => t.key === 'invite.sms')!.body).toBe(INVITE);
  });

  it('refuses an invitation without the join link', async () => {
    const response = await api(service, 'PUT', '/api/admin/templates/invite.sms', { body: 'See you on {{visit.start_time}}' }, admin);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('{{visit.join_url}}');
  });

  it('resets a template to the built-in text, audited', async () => {
    const response = await api(service, 'DELETE', '/api/admin/templates/invite.sms', undefined, admin);
    expect(response.status).toBe(200);
    const reset = (await response.json()) as TemplateDto;
    expect(reset.body).toBe(reset.builtIn.body);
    expect(reset.edited).toBeNull();
    expect((await auditRows()).at(-1)).toMatchObject({ action: 'template.reset', detail: { template: 'invite.sms', beforeLength: INVITE.length, afterLength: reset.body.length } });
  });

  it('answers 404 for a template that does not exist', async () => {
    const response = await api(service, 'PUT', '/api/admin/templates/invite.fax', { body: 'x' }, admin);
    expect(response.status).toBe(404);
  });

  it('refuses a signed-in user without the Rounds.Admin role on every route, changing nothing', async () => {
    const before = (await auditRows()).length;
    const calls: Array<[string, string, unknown]> = [
      ['GET', '/api/admin/templates', undefined],
      ['PUT', '/api/admin/templates/invite.sms', { body: INVITE }],
      ['DELETE', '/api/admin/templates/invite.sms', undefined],
      ['POST', '/api/admin/templates/invite.sms/preview', { body: INVITE }],
    ];
    for (const [method, path, body] of calls) {
      const response = await api(service, method, path, body, clinician);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('Rounds.Admin') });
    }
    expect(await auditRows()).toHaveLength(before);
  });
});
