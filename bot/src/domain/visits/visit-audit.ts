import type { Actor } from '../shared/actor';
import type { AuditAction, AuditLog } from '../shared/audit';
import type { Visit } from './visit-types';

/** One audit line about a visit: who, what, the visit's channel, and the patient by id (never by name). */
export function auditVisit(audit: AuditLog, actor: Actor, action: AuditAction, visit: Visit): Promise<void> {
  return audit.record({
    actor,
    action,
    channel: visit.origin.teamId && visit.origin.channelId ? { tenantId: visit.tenantId, teamId: visit.origin.teamId, channelId: visit.origin.channelId } : null,
    patientRef: visit.patient.fhirId ?? `visit:${visit.id}`,
    detail: { visitId: visit.id },
  });
}
