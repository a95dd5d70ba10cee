import { describeAuditLogContract } from '../contract-suites/audit-log.contract';
import { MemoryAuditLog } from './memory-audit-log';

describeAuditLogContract('MemoryAuditLog', async () => {
  const log = new MemoryAuditLog();
  return {
    log,
    lines: async () =>
      log.entries().map((entry) => ({
        tenantId: entry.actor.tenantId,
        teamId: entry.channel?.teamId ?? null,
        channelId: entry.channel?.channelId ?? null,
        userId: entry.actor.userId,
        action: entry.action,
        listId: entry.listId ?? null,
        patientRef: entry.patientRef ?? null,
        detail: entry.detail ?? null,
      })),
  };
});
