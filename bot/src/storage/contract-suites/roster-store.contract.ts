/** What every RosterStore does: shifts by period, the shifts covering a moment by role key, every role once. */
import type { Person, RosterStore } from '../../domain/messages/message-types';

const KIM: Person = { aadObjectId: 'kim', name: 'Dr Kim' };
const LEE: Person = { aadObjectId: 'lee', name: 'Dr Lee', email: 'lee@hospital.example' };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

export function describeRosterStoreContract(name: string, open: () => Promise<RosterStore>): void {
  describe(`RosterStore contract: ${name}`, () => {
    let roster: RosterStore;
    beforeEach(async () => {
      roster = await open();
    });

    it('finds the shifts covering a moment by role key, latest start first, and every role once', async () => {
      await roster.add('tenant-a', { role: 'Cardiology on call', person: LEE, backup: KIM, start: at(0), end: at(59) }, KIM, at(0));
      await roster.add('tenant-a', { role: 'cardiology', person: KIM, backup: null, start: at(20), end: at(40) }, KIM, at(1));
      await roster.add('tenant-b', { role: 'Cardiology on call', person: KIM, backup: null, start: at(0), end: at(59) }, KIM, at(0));
      expect((await roster.covering('tenant-a', 'cardiology', at(30))).map((shift) => shift.person.aadObjectId)).toEqual(['kim', 'lee']);
      expect((await roster.covering('tenant-a', 'cardiology', at(59))).length).toBe(0);
      expect(await roster.roles('tenant-a')).toEqual(['cardiology']);
      expect((await roster.shifts('tenant-a', at(41), at(50))).map((shift) => shift.role)).toEqual(['Cardiology on call']);
    });

    it('lists a period’s shifts by start, the ones touching its edges left out', async () => {
      const late = await roster.add('tenant-a', { role: 'Renal', person: LEE, backup: null, start: at(30), end: at(45) }, KIM, at(0));
      const early = await roster.add('tenant-a', { role: 'Stroke', person: KIM, backup: LEE, start: at(10), end: at(20) }, KIM, at(0));
      await roster.add('tenant-a', { role: 'Night', person: KIM, backup: null, start: at(50), end: at(59) }, KIM, at(0));
      expect((await roster.shifts('tenant-a', at(20), at(50))).map((shift) => shift.id)).toEqual([late.id]);
      expect((await roster.shifts('tenant-a', at(0), at(50))).map((shift) => shift.id)).toEqual([early.id, late.id]);
      expect(early).toMatchObject({ tenantId: 'tenant-a', role: 'Stroke', person: KIM, backup: LEE, start: at(10), end: at(20), updatedBy: KIM, updatedAt: at(0) });
    });

    it('replaces a shift, records who changed it and when, and removes it once', async () => {
      const shift = await roster.add('tenant-a', { role: 'Renal on call', person: LEE, backup: null, start: at(0), end: at(30) }, KIM, at(0));
      const updated = await roster.update(shift.id, { role: 'Nephrology', person: KIM, backup: LEE, start: at(5), end: at(35) }, LEE, at(2));
      expect(updated).toEqual({ id: shift.id, tenantId: 'tenant-a', role: 'Nephrology', person: KIM, backup: LEE, start: at(5), end: at(35), updatedBy: LEE, updatedAt: at(2) });
      expect(await roster.get(shift.id)).toEqual(updated);
      expect((await roster.covering('tenant-a', 'nephrology', at(10))).map((found) => found.id)).toEqual([shift.id]);
      expect(await roster.covering('tenant-a', 'renal', at(10))).toEqual([]);
      expect(await roster.remove(shift.id)).toBe(true);
      expect(await roster.remove(shift.id)).toBe(false);
      expect(await roster.get(shift.id)).toBeNull();
    });

    it('refuses a shift that ends before it starts', async () => {
      await expect(roster.add('tenant-a', { role: 'Renal', person: LEE, backup: null, start: at(30), end: at(30) }, KIM, at(0))).rejects.toThrow();
    });

    it('reads a malformed or unknown id as no shift', async () => {
      expect(await roster.get('not-a-uuid')).toBeNull();
      expect(await roster.update('not-a-uuid', { role: 'Renal', person: LEE, backup: null, start: at(0), end: at(1) }, KIM, at(0))).toBeNull();
      expect(await roster.update('00000000-0000-4000-8000-00000000dead', { role: 'Renal', person: LEE, backup: null, start: at(0), end: at(1) }, KIM, at(0))).toBeNull();
      expect(await roster.remove('not-a-uuid')).toBe(false);
    });
  });
}
