/** The template rules over the in-memory template store: built-in text until a tenant edits it, edits checked. */
import { AppError } from '../domain/shared/app-error';
import { MemoryTemplateStore } from '../storage/memory/memory-settings-stores';
import { NotificationTemplates } from './template-service';
import { BUILT_IN_TEMPLATES } from './templates';

it("uses the built-in text until a tenant saves its own, and only that tenant's", async () => {
  const templates = new NotificationTemplates(new MemoryTemplateStore());
  expect(await templates.resolve('tenant-a', 'invite.sms')).toEqual(BUILT_IN_TEMPLATES['invite.sms']);
  await templates.save('tenant-a', 'invite.sms', { subject: null, body: 'Hi {{patient.given_name}}: {{visit.join_url}}' }, 'admin-1');
  expect(await templates.resolve('tenant-a', 'invite.sms')).toEqual({ subject: null, body: 'Hi {{patient.given_name}}: {{visit.join_url}}' });
  expect(await templates.resolve('tenant-b', 'invite.sms')).toEqual(BUILT_IN_TEMPLATES['invite.sms']);
  const listed = await templates.list('tenant-a');
  expect(listed.find((t) => t.key === 'invite.sms')?.edited?.by).toBe('admin-1');
  expect(listed.find((t) => t.key === 'invite.email')?.edited).toBeNull();
  await templates.reset('tenant-a', 'invite.sms');
  expect(await templates.resolve('tenant-a', 'invite.sms')).toEqual(BUILT_IN_TEMPLATES['invite.sms']);
});

it('refuses to save an invalid template or an unknown key, and keeps what was there', async () => {
  const templates = new NotificationTemplates(new MemoryTemplateStore());
  await expect(templates.save('tenant-a', 'invite.sms', { subject: null, body: 'About {{visit.reason}}' }, 'admin-1')).rejects.toMatchObject({ code: 'validation', field: 'body' });
  await expect(templates.save('tenant-a', 'invite.fax', { subject: null, body: 'x' }, 'admin-1')).rejects.toBeInstanceOf(AppError);
  expect(await templates.resolve('tenant-a', 'invite.sms')).toEqual(BUILT_IN_TEMPLATES['invite.sms']);
});
