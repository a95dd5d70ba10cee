import { AppError } from '../shared/app-error';
import type { AuditEntry } from '../shared/audit';
import { applyVisitType, VisitTypeCatalog, type StoredVisitType, type VisitTypeStore } from './visit-type-catalog';

const admin = { userId: 'admin-1', tenantId: 't1', name: 'Ida Admin' };
const NOW = new Date('2026-12-07T09:00:00Z');

function catalog() {
  const rows = new Map<string, StoredVisitType>();
  const store: VisitTypeStore = {
    list: async (tenantId) => [...rows.values()].filter((row) => row.tenantId === tenantId),
    insert: async (type) => !rows.has(`${type.tenantId}/${type.key}`) && Boolean(rows.set(`${type.tenantId}/${type.key}`, type)),
    save: async (type) => void rows.set(`${type.tenantId}/${type.key}`, type),
    remove: async (tenantId, key) => rows.delete(`${tenantId}/${key}`),
  };
  const audit: AuditEntry[] = [];
  return { types: new VisitTypeCatalog({ store, audit: { record: async (entry) => void audit.push(entry) }, now: () => NOW }), audit };
}

const settings = { name: '  Interpreter   call ', defaultDurationMinutes: 45, telehealth: true, templates: { sms: true, email: false } };

describe('VisitTypeCatalog', () => {
  it('books a visit without a type as a plain video visit', async () => {
    expect(await catalog().types.bookable('t1', null)).toMatchObject({ key: 'video', defaultDurationMinutes: 30, builtIn: true });
  });

  it('keys a new type from its name, tidies the name, and keeps it per organisation', async () => {
    const { types } = catalog();
    expect(await types.create(admin, settings)).toMatchObject({ key: 'interpreter-call', name: 'Interpreter call', builtIn: false, edited: { by: 'Ida Admin', at: NOW } });
    expect((await types.list('t2')).map((type) => type.key)).toEqual(['video', 'family-call', 'follow-up']);
  });

  it('refuses a type that is not telehealth at the field the request named', async () => {
    const { types } = catalog();
    await types.create(admin, { ...settings, name: 'Clinic', telehealth: false });
    await expect(types.bookable('t1', 'clinic', 'visitTypeKey')).rejects.toMatchObject({ code: 'validation', field: 'visitTypeKey' });
  });

  it('resets a changed built-in type and deletes one of the organisation’s own, auditing each', async () => {
    const { types, audit } = catalog();
    await types.update(admin, 'follow-up', { ...settings, name: 'Follow-up' });
    expect(await types.remove(admin, 'follow-up')).toMatchObject({ defaultDurationMinutes: 20, edited: null });
    await types.create(admin, settings);
    expect(await types.remove(admin, 'interpreter-call')).toBeNull();
    expect(audit.map((entry) => [entry.action, entry.detail?.visitType])).toEqual([
      ['visit_type.update', 'follow-up'],
      ['visit_type.reset', 'follow-up'],
      ['visit_type.create', 'interpreter-call'],
      ['visit_type.delete', 'interpreter-call'],
    ]);
  });

  it('refuses a duration out of range and a key already taken', async () => {
    const { types } = catalog();
    await expect(types.create(admin, { ...settings, defaultDurationMinutes: 600 })).rejects.toMatchObject({ field: 'defaultDurationMinutes' });
    await expect(types.create(admin, { ...settings, name: 'Family call' })).rejects.toBeInstanceOf(AppError);
  });
});

describe('applyVisitType', () => {
  const smsOnly = { name: 'Call', defaultDurationMinutes: 45, telehealth: true, templates: { sms: true, email: false } };
  const both = { phone: '+15551234567', email: 'pat@example.org' };

  it('takes the type’s duration unless one was asked for', () => {
    expect(applyVisitType(smsOnly, {}, both).durationMinutes).toBe(45);
    expect(applyVisitType(smsOnly, { durationMinutes: 15 }, both).durationMinutes).toBe(15);
  });

  it('tells the patient only by the channels whose templates the type sends, asked for or not', () => {
    expect(applyVisitType(smsOnly, {}, both).notify).toEqual(['sms']);
    expect(applyVisitType(smsOnly, { notify: ['email', 'sms'] }, both).notify).toEqual(['sms']);
    expect(applyVisitType(smsOnly, {}, { phone: null, email: 'pat@example.org' }).notify).toEqual([]);
  });
});
