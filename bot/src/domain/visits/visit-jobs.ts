import type { Visit } from './visit-types';
import type { ScheduledJob } from '../shared/jobs';

/** Refreshes every card of the visit after the change that takes it past `visit.version`. */
export function cardJob(visit: Pick<Visit, 'id' | 'version'>, now: Date): ScheduledJob {
  return { job: { kind: 'visit.card', visitId: visit.id, version: visit.version + 1 }, runAt: now, dedupeKey: `card:${visit.id}:${visit.version + 1}` };
}
