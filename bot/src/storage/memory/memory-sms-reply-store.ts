import { normalisePhone, type PatientReply, type ReplyVisit, type SmsReplyStore } from '../../domain/notifications/notification-types';
import { visitEnd } from '../../domain/visits/visit-types';
import type { MemoryTables } from './memory-tables';

const REPLY_KINDS: readonly string[] = ['patient_confirmed', 'cancel_requested'];
const ANSWER_EVERY_MS = 24 * 3_600_000;

/** The patient's latest reply to this schedule of the visit, from the shared timeline (as latestPatientReply reads visit_events). */
export function latestPatientReply(tables: MemoryTables, visitId: string, scheduleVersion: number): PatientReply | null {
  const replies = tables.visitEvents.filter((event) => event.visitId === visitId && REPLY_KINDS.includes(event.kind) && Number(event.detail.scheduleVersion) === scheduleVersion);
  return (replies.at(-1)?.kind as PatientReply | undefined) ?? null;
}

/** The twin of SqlSmsReplyStore: replies on the shared timeline with their card job, answers back at most once a day. */
export class MemorySmsReplyStore implements SmsReplyStore {
  private readonly answers = new Map<string, Date>();

  constructor(private readonly tables: MemoryTables) {}

  async nextVisitFor(phone: string, now: Date): Promise<ReplyVisit | null> {
    const number = normalisePhone(phone);
    const [next] = [...this.tables.visits.values()]
      .filter((visit) => visit.contact.phone !== null && normalisePhone(visit.contact.phone) === number && visit.status === 'scheduled' && visitEnd(visit) > now)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : 1));
    return next ? { visitId: next.id, scheduleVersion: next.scheduleVersion, start: new Date(next.start), timeZone: next.timeZone } : null;
  }

  async record(visit: ReplyVisit, reply: PatientReply, at: Date): Promise<boolean> {
    const row = this.tables.visits.get(visit.visitId);
    if (!row) return false;
    if (latestPatientReply(this.tables, visit.visitId, visit.scheduleVersion) === reply) return false;
    this.tables.recordEvent({ visitId: visit.visitId, kind: reply, actor: 'patient', detail: { scheduleVersion: visit.scheduleVersion, channel: 'sms' } }, at);
    this.tables.insertJobs([{ job: { kind: 'visit.card', visitId: visit.visitId, version: row.version }, runAt: at, dedupeKey: `card:reply:${this.tables.nextSequence()}` }]);
    return true;
  }

  async claimAnswer(phone: string, visitId: string | null, kind: string, now: Date): Promise<boolean> {
    const key = `${normalisePhone(phone)}|${visitId ?? ''}|${kind}`;
    const last = this.answers.get(key);
    if (last && last.getTime() > now.getTime() - ANSWER_EVERY_MS) return false;
    this.answers.set(key, new Date(now));
    return true;
  }
}
