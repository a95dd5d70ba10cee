/** What every AuditLog keeps: who did what, where and to which patient reference, never a name. */
import type { AuditLog } from '../../domain/shared/audit';

/** One line of the trail as an auditor reads it (the actor's display name is not kept). */
export interface AuditLine {
  tenantId: string;
  teamId: string | null;
  channelId: string | null;
  userId: string;
  action: string;
  listId: string | null;
  patientRef: string | null;
  detail: Record<string, string | number | boolean> | null;
}

export interface AuditFixture {
  log: AuditLog;
  /** The trail, oldest first. */
  lines(): Promise<AuditLine[]>;
}

const actor = { userId: 'user-1', tenantId: 'tenant-a', name: 'Dr Kim' };

export function describeAuditLogContract(name: string, open: () => Promise<AuditFixture>): void {
  describe(`AuditLog contract: ${name}`, () => {
    let fixture: AuditFixture;
    beforeEach(async () => {
      fixture = await open();
    });

    it('keeps every entry in order, with its channel, list, patient reference and detail', async () => {
      await fixture.log.record({ actor, action: 'list.view', channel: { tenantId: 'tenant-a', teamId: 'team-1', channelId: 'chan-1' }, listId: 'list-1' });
      await fixture.log.record({ actor, action: 'patient.add', channel: null, patientRef: 'pat-1', detail: { source: 'ehr', count: 2, bulk: true } });
      expect(await fixture.lines()).toEqual([
        { tenantId: 'tenant-a', teamId: 'team-1', channelId: 'chan-1', userId: 'user-1', action: 'list.view', listId: 'list-1', patientRef: null, detail: null },
        { tenantId: 'tenant-a', teamId: null, channelId: null, userId: 'user-1', action: 'patient.add', listId: null, patientRef: 'pat-1', detail: { source: 'ehr', count: 2, bulk: true } },
      ]);
    });
  });
}
