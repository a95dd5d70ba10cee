/**
 * The 'visit.notify' job: renders the patient's messages for a visit event into the outbox. It only
 * writes rows; the dispatcher delivers them. A job run twice writes once (source key per job and
 * channel), and a job overtaken by a reschedule or cancel writes nothing. `refreshingCards` makes the
 * visit's cards say how the patient was told once the messages are written.
 */
import type { Logger } from 'pino';
import type { NewOutboxMessage, OptOutStore, OutboxStore } from '../domain/notifications/notification-types';
import { visitEnd, type NotifyChannel, type Visit, type VisitGuest, type VisitJob, type VisitStore } from '../domain/visits/visit-types';
import type { ScheduledJob } from '../domain/shared/jobs';
import { composeMessage, type ComposeSettings } from './compose-message';
import type { NotificationTemplates } from './template-service';

export type NotifyJob = Extract<VisitJob, { kind: 'visit.notify' }>;
export interface JobMeta {
  dedupeKey: string;
  attempts: number;
}
export type NotifyJobHandler = (job: NotifyJob, meta: JobMeta) => Promise<void>;

export interface NotifyJobDeps {
  visits: Pick<VisitStore, 'get'>;
  outbox: Pick<OutboxStore, 'insert'>;
  optOuts: Pick<OptOutStore, 'isOptedOut'>;
  templates: Pick<NotificationTemplates, 'resolve'>;
  patientJoinUrl: (visit: Visit) => string;
  /** A guest's own link and the check-in code sent with it. */
  guestLink: (visit: Visit, guestId: string) => { joinUrl: string; code: string };
  /** Channels with a configured provider; messages of the others stay in the outbox ('stored'). */
  deliverable: readonly NotifyChannel[];
  settings: ComposeSettings;
  logger: Logger;
  now: () => Date;
}

/** Why a job has nothing to send, or null when it should send. */
export function skipReason(visit: Visit | null, job: NotifyJob, now: Date): string | null {
  if (!visit) return 'visit gone';
  if (visit.scheduleVersion !== job.scheduleVersion) return 'schedule changed since the job was queued';
  if (job.event === 'cancel') return visit.status === 'cancelled' ? null : 'visit is not cancelled';
  if (visit.status === 'cancelled') return 'visit cancelled';
  if (visit.status === 'completed' || visit.status === 'no_show') return 'visit over';
  if (job.event === 'reminder' && now.getTime() >= visitEnd(visit).getTime()) return 'visit over';
  return null;
}

export function createNotifyJob(deps: NotifyJobDeps): NotifyJobHandler {
  return async (job, meta) => {
    const visit = await deps.visits.get(job.visitId);
    const now = deps.now();
    const skip = skipReason(visit, job, now);
    if (skip || !visit) {
      deps.logger.info({ visitId: job.visitId, event: job.event, skip }, 'patient notification skipped');
      return;
    }
    const write = async (recipient: Visit, channels: readonly NotifyChannel[], joinUrl: string, source: string, code: string | null) => {
      for (const channel of channels) {
        const key = `${job.event}.${channel}` as const;
        const template = await deps.templates.resolve(visit.tenantId, key);
        const message = composeMessage(recipient, job.event, channel, template, joinUrl, deps.settings, now, code && job.event !== 'cancel' ? `Your check-in code: ${code}` : null);
        if (!message) {
          deps.logger.warn({ visitId: visit.id, event: job.event, channel }, 'patient notification skipped: no address for this channel');
          continue;
        }
        const status = await statusFor(channel, message.recipient, deps);
        const row: NewOutboxMessage = { tenantId: visit.tenantId, visitId: visit.id, sourceKey: `${source}:${channel}`, channel, template: key, ...message, status };
        const { inserted } = await deps.outbox.insert(row);
        deps.logger.info({ visitId: visit.id, event: job.event, channel, status, inserted, guest: code !== null }, 'patient notification written');
      }
    };
    await write(visit, visit.notify, deps.patientJoinUrl(visit), meta.dedupeKey, null);
    for (const guest of visit.guests) {
      const link = deps.guestLink(visit, guest.id);
      await write(asGuestRecipient(visit, guest), guestChannels(guest), link.joinUrl, `${meta.dedupeKey}:guest:${guest.id}`, link.code);
    }
  };
}

/** A guest is told by every channel they gave a contact for. */
export const guestChannels = (guest: Pick<VisitGuest, 'phone' | 'email'>): NotifyChannel[] => [...(guest.phone ? ['sms' as const] : []), ...(guest.email ? ['email' as const] : [])];

/**
 * The visit as a guest's message sees it: the same templates greet the guest by their own name and go
 * to their own address, so no message to a guest names the patient.
 */
function asGuestRecipient(visit: Visit, guest: VisitGuest): Visit {
  return { ...visit, patient: { ...visit.patient, name: guest.name, givenName: null }, contact: { phone: guest.phone, email: guest.email } };
}

/**
 * The notify job, followed by a refresh of the visit's cards once it has written the patient's
 * messages: the cards say how the patient was told. Once per notify job (a rerun queues nothing new);
 * a skipped job (stale, cancelled, over) refreshes nothing.
 */
export function refreshingCards(notify: NotifyJobHandler, deps: { visits: Pick<VisitStore, 'get' | 'enqueue'>; now: () => Date }): NotifyJobHandler {
  return async (job, meta) => {
    await notify(job, meta);
    const visit = await deps.visits.get(job.visitId);
    const now = deps.now();
    if (!visit || (visit.notify.length === 0 && visit.guests.length === 0) || skipReason(visit, job, now)) return;
    await deps.visits.enqueue([notifiedCardJob(visit, meta.dedupeKey, now)]);
  };
}

function notifiedCardJob(visit: Pick<Visit, 'id' | 'version'>, notifyKey: string, now: Date): ScheduledJob {
  return { job: { kind: 'visit.card', visitId: visit.id, version: visit.version }, runAt: now, dedupeKey: `card:notified:${notifyKey}` };
}

async function statusFor(channel: NotifyChannel, recipient: string, deps: NotifyJobDeps): Promise<NewOutboxMessage['status']> {
  if (channel === 'sms' && (await deps.optOuts.isOptedOut(recipient))) return 'suppressed';
  return deps.deliverable.includes(channel) ? 'queued' : 'stored';
}
