/** What every VisitTypeStore does: a tenant's own types and its changes to the built-in ones, by key. */
import type { StoredVisitType, VisitTypeStore } from '../../domain/visits/visit-type-catalog';

const interpreter: StoredVisitType = {
  tenantId: 'tenant-types',
  key: 'interpreter-call',
  name: 'Interpreter call',
  defaultDurationMinutes: 45,
  telehealth: true,
  templates: { sms: true, email: false },
  updatedBy: 'Ida Admin',
  updatedAt: new Date('2026-12-07T09:00:00Z'),
};

export function describeVisitTypeStoreContract(name: string, open: () => Promise<VisitTypeStore>): void {
  describe(`VisitTypeStore contract: ${name}`, () => {
    it('adds a type once per tenant and key, changes it, removes it, leaving other tenants alone', async () => {
      const types = await open();
      expect(await types.insert(interpreter)).toBe(true);
      expect(await types.insert({ ...interpreter, name: 'Someone else’s' })).toBe(false);
      await types.save({ ...interpreter, tenantId: 'other-tenant' });
      await types.save({ ...interpreter, defaultDurationMinutes: 60, templates: { sms: false, email: true } });
      expect(await types.list('tenant-types')).toEqual([{ ...interpreter, defaultDurationMinutes: 60, templates: { sms: false, email: true } }]);
      expect(await types.remove('tenant-types', 'interpreter-call')).toBe(true);
      expect(await types.remove('tenant-types', 'interpreter-call')).toBe(false);
      expect(await types.list('tenant-types')).toEqual([]);
      expect(await types.list('other-tenant')).toHaveLength(1);
    });

    it('lists a tenant’s types by key', async () => {
      const types = await open();
      await types.save({ ...interpreter, key: 'video', name: 'Video visit (ours)' });
      await types.save({ ...interpreter, key: 'ward-round', name: 'Ward round' });
      await types.save({ ...interpreter, key: 'family-call', name: 'Family call (ours)' });
      expect((await types.list('tenant-types')).map((type) => type.key)).toEqual(['family-call', 'video', 'ward-round']);
    });
  });
}
