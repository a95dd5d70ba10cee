/**
 * The `ended` line of a visit's timeline (and so the webhook's `visit.ended`): why and when the visit
 * ended, its length, and its call's quality. The browsers in a built-in room report their call only
 * as the end reaches them, so with anyone there the line waits for their reports (the `visit.ended`
 * job) a little while.
 */
import type { ScheduledJob } from '../shared/jobs';
import { summariseVisit, type CallGrade, type VisitQuality } from '../visits/call-quality';
import type { TimelineValue, VisitJob } from '../visits/visit-types';
import type { TimelineEvent } from './lobby-types';

/** How long an `ended` line waits for the call reports of those in the room at the end, and how often it looks. */
export const QUALITY_WAIT_MS = 30_000;
export const QUALITY_POLL_MS = 2_000;

/** What the line will say, and whose reports it waits for (`awaiting`: timeline actors). */
export type EndedLine = Omit<Extract<VisitJob, { kind: 'visit.ended' }>, 'kind'>;

export function endedLineJob(line: EndedLine, runAt: Date): ScheduledJob {
  return { job: { kind: 'visit.ended', ...line }, runAt, dedupeKey: `ended:${line.visitId}:${runAt.getTime()}` };
}

/**
 * Write the line now (everyone awaited has reported, or waiting stopped being worth it: a closed
 * laptop never reports), or when to look again.
 */
export function endedLineDue(line: EndedLine, timeline: readonly TimelineEvent[], now: Date): 'now' | Date {
  const reported = new Set(timeline.filter((event) => event.kind === 'call_quality').map((event) => event.actor));
  const giveUpAt = new Date(line.endedAt).getTime() + QUALITY_WAIT_MS;
  if (line.awaiting.every((actor) => reported.has(actor)) || now.getTime() >= giveUpAt) return 'now';
  return new Date(Math.min(giveUpAt, now.getTime() + QUALITY_POLL_MS));
}

/** What the line says: why, how long (first admission -> end, 0 when nobody was admitted) and how the call went. */
export function endedDetail(line: EndedLine, quality: VisitQuality | null): Record<string, TimelineValue> {
  return { reason: line.reason, lengthSeconds: line.lengthSeconds, admitted: line.admitted, quality: quality ? { ...quality } : null };
}

const measure = (value: TimelineValue | undefined): number | null => (typeof value === 'number' ? value : null);
const grade = (value: TimelineValue | undefined): CallGrade | null => (value === 'good' || value === 'fair' || value === 'poor' ? value : null);

/**
 * The visit's call from its `call_quality` lines, the latest of each participant; lines written before
 * the measures were kept count by their grade alone.
 */
export function qualityOf(timeline: readonly TimelineEvent[]): VisitQuality | null {
  const latest = new Map<string, TimelineEvent>();
  for (const event of timeline) if (event.kind === 'call_quality') latest.set(event.actor, event);
  return summariseVisit(
    [...latest.values()].flatMap(({ detail }) => {
      const median = grade(detail['median']);
      return median ? [{ median, rttMs: measure(detail['rttMs']), packetLossPercent: measure(detail['packetLossPercent']), inboundKbps: measure(detail['inboundKbps']) }] : [];
    }),
  );
}

/** The length and quality an `ended` line carries; nulls for a line that has none (or no line yet). */
export function endedOutcome(ended: TimelineEvent | undefined): { lengthSeconds: number | null; quality: VisitQuality | null } {
  const quality = ended?.detail['quality'];
  const graded = typeof quality === 'object' && quality !== null ? grade(quality['grade']) : null;
  return {
    lengthSeconds: measure(ended?.detail['lengthSeconds']),
    quality:
      graded && typeof quality === 'object' && quality !== null
        ? { grade: graded, rttMs: measure(quality['rttMs']), packetLossPercent: measure(quality['packetLossPercent']), inboundKbps: measure(quality['inboundKbps']), participants: measure(quality['participants']) ?? 0 }
        : null,
  };
}
