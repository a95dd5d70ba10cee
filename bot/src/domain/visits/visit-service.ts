/**
 * Virtual visits' use cases, shared by the bot, the tabs and the integration API. A visit is saved
 * first, then its meeting is created (idempotently, keyed by the visit id), and only then are the
 * patient told and the reminders queued, in the same transaction as the change that caused them.
 */
import { auditVisit } from './visit-audit';
import { AppError } from '../shared/app-error';
import type { Actor, TeamMembership } from '../shared/actor';
import type { AuditAction, AuditLog } from '../shared/audit';
import { cardJob } from './visit-jobs';
import { checkRequest, checkTiming, reminderTimes } from './visit-rules';
import { clinicianKey, visitEnd, type LinkTokens, type MeetingProvider, type NewVisit, type Visit, type VisitCard, type VisitFilter, type VisitSettings, type VisitStore } from './visit-types';
import type { ScheduledJob } from '../shared/jobs';

/** Who asks: a signed-in clinician, or a system holding the integration API key. */
export type Principal = { kind: 'user'; actor: Actor } | { kind: 'integration'; tenantId: string };

export interface VisitServiceDeps {
  store: VisitStore;
  meetings: MeetingProvider;
  tokens: LinkTokens;
  audit: AuditLog;
  membership: TeamMembership;
  settings: VisitSettings;
  now(): Date;
}

const INTEGRATION_ACTOR_ID = 'integration-api';

export class VisitService {
  constructor(private readonly deps: VisitServiceDeps) {}

  /** Saves the visit and creates its meeting. The same idempotency key again returns the same visit. */
  async schedule(principal: Principal, request: NewVisit, idempotencyKey: string | null): Promise<Visit> {
    if (request.tenantId !== tenantOf(principal)) throw new AppError('forbidden', 'You can schedule visits only in your own organisation.');
    // A replayed request is answered with its first run's visit, not refused by its own overlap.
    const replayed = idempotencyKey ? await this.deps.store.byIdempotencyKey(request.tenantId, idempotencyKey) : null;
    if (replayed) return this.completeMeeting(replayed);
    checkRequest(request, this.deps.now());
    try {
      await this.refuseOverlap(request, null);
    } catch (error) {
      // The same request sent twice at once (a double click): the other one may have created the
      // visit since the look above, and it is this request's visit, not an overlap.
      const raced = idempotencyKey ? await this.deps.store.byIdempotencyKey(request.tenantId, idempotencyKey) : null;
      if (raced) return this.completeMeeting(raced);
      throw error;
    }
    const { visit, created } = await this.deps.store.create(request, idempotencyKey);
    if (created) await this.record(principal, 'visit.create', visit);
    return this.completeMeeting(visit);
  }

  async get(principal: Principal, visitId: string): Promise<Visit> {
    const visit = await this.readable(principal, visitId);
    await this.record(principal, 'visit.view', visit);
    return visit;
  }

  async list(principal: Principal, filter: Omit<VisitFilter, 'tenantId'>): Promise<Visit[]> {
    const tenantId = tenantOf(principal);
    const teamId = filter.channel?.teamId ?? filter.teamId;
    if (teamId !== undefined) await this.authorizeTeam(principal, teamId);
    const visits = await this.deps.store.list({ ...filter, tenantId });
    await this.deps.audit.record({
      actor: actorOf(principal),
      action: 'visit.list',
      channel: filter.channel ? { tenantId, ...filter.channel } : null,
      detail: { count: visits.length, ...(filter.teamId !== undefined && !filter.channel ? { teamId: filter.teamId } : {}) },
    });
    return visits;
  }

  /**
   * A team's visits (its channels' lists, its queue and the queue's live updates) are for the team's
   * members: the same rule that lets them act on each of those visits (`involves`, and the lobby's).
   */
  async authorizeTeam(principal: Principal, teamId: string): Promise<void> {
    if (principal.kind === 'user' && !(await this.deps.membership.isMember(principal.actor, teamId))) {
      throw new AppError('forbidden', 'Only members of this team can see its visits.');
    }
  }

  async reschedule(principal: Principal, visitId: string, change: { start?: Date | undefined; durationMinutes?: number | undefined }): Promise<Visit> {
    const visit = await this.changeable(principal, visitId);
    const start = change.start ?? visit.start;
    const durationMinutes = change.durationMinutes ?? visit.durationMinutes;
    if (start.getTime() === visit.start.getTime() && durationMinutes === visit.durationMinutes) return visit;
    checkTiming(start, durationMinutes, this.deps.now());
    await this.refuseOverlap({ ...visit, start, durationMinutes }, visit.id);
    const moved = { ...visit, start, durationMinutes, scheduleVersion: visit.scheduleVersion + 1 };
    if (visit.meeting) await this.deps.meetings.reschedule(moved, visit.meeting);
    const updated = await this.deps.store.update(visit.id, visit.version, { start, durationMinutes, scheduleVersion: moved.scheduleVersion }, [
      ...this.noticeJobs(moved, 'reschedule'),
      ...this.reminderJobs(moved),
      cardJob(moved, this.deps.now()),
    ]);
    await this.record(principal, 'visit.reschedule', updated);
    return updated;
  }

  /** Cancels the visit and its meeting; the visit stays readable. Cancelling twice is not an error. */
  async cancel(principal: Principal, visitId: string): Promise<Visit> {
    const visit = await this.readable(principal, visitId);
    if (visit.status === 'cancelled') return visit;
    refuseIfOver(visit);
    if (visit.meeting) await this.deps.meetings.cancel(visit, visit.meeting);
    const cancelled = { ...visit, scheduleVersion: visit.scheduleVersion + 1 };
    const updated = await this.deps.store.update(
      visit.id,
      visit.version,
      { status: 'cancelled', cancelledAt: this.deps.now(), scheduleVersion: cancelled.scheduleVersion },
      [...this.noticeJobs(cancelled, 'cancel'), cardJob(cancelled, this.deps.now())],
    );
    await this.record(principal, 'visit.cancel', updated);
    return updated;
  }

  /** Sends the invitation again, e.g. after the patient lost the message. */
  async resendInvite(principal: Principal, visitId: string): Promise<Visit> {
    const visit = await this.changeable(principal, visitId);
    if (!tellsAnyone(visit)) throw new AppError('validation', 'This visit has no way to reach the patient: add a mobile number or email first.');
    await this.deps.store.enqueue([
      { job: { kind: 'visit.notify', visitId: visit.id, event: 'invite', scheduleVersion: visit.scheduleVersion }, runAt: this.deps.now(), dedupeKey: `resend:${visit.id}:${this.deps.now().getTime()}` },
    ]);
    await this.record(principal, 'visit.resend', visit);
    return visit;
  }

  /** Finishes a visit left `pending` by a failed meeting provider. */
  async retryMeeting(principal: Principal, visitId: string): Promise<Visit> {
    return this.completeMeeting(await this.readable(principal, visitId));
  }

  patientJoinUrl(visit: Visit): string {
    return `${this.deps.settings.publicUrl}/lobby/${this.deps.tokens.issue(visit.id, visit.scheduleVersion)}`;
  }

  /** A guest's own lobby link: same page, same expiry and revocation as the patient's, its own token. */
  guestJoinUrl(visit: Visit, guestId: string): string {
    return this.guestLink(visit, guestId).joinUrl;
  }

  /** A guest's link and the check-in code sent with it (both change when the visit is rescheduled). */
  guestLink(visit: Visit, guestId: string): { joinUrl: string; code: string } {
    const token = this.deps.tokens.issue(visit.id, visit.scheduleVersion, guestId);
    return { joinUrl: `${this.deps.settings.publicUrl}/lobby/${token}`, code: this.deps.tokens.codeFor(token) };
  }

  /** "Let them in when I'm ready", switched on or off from the card, My visits or the integration API. */
  async setAdmitWhenClinicianJoins(principal: Principal, visitId: string, on: boolean): Promise<Visit> {
    const visit = await this.changeable(principal, visitId);
    if (visit.admitWhenClinicianJoins === on) return visit;
    const updated = await this.deps.store.update(visit.id, visit.version, { admitWhenClinicianJoins: on }, [cardJob(visit, this.deps.now())]);
    await this.record(principal, 'visit.update', updated);
    return updated;
  }

  recordCard(card: VisitCard): Promise<void> {
    return this.deps.store.saveCard(card);
  }

  private async completeMeeting(visit: Visit): Promise<Visit> {
    if (visit.status !== 'pending') return visit;
    const meeting = await this.deps.meetings.create(visit);
    const scheduled = { ...visit, meeting, status: 'scheduled' as const };
    const jobs: ScheduledJob[] = [...this.noticeJobs(scheduled, 'invite'), ...this.reminderJobs(scheduled)];
    if (visit.announceIn) {
      jobs.push({ job: { kind: 'visit.post-card', visitId: visit.id, conversationId: visit.announceIn }, runAt: this.deps.now(), dedupeKey: `post-card:${visit.id}:${visit.announceIn}` });
    }
    try {
      return await this.deps.store.update(visit.id, visit.version, { meeting, status: 'scheduled' }, jobs);
    } catch (error) {
      // A concurrent retry finished first: its result is ours (the meeting is the same one).
      if (error instanceof AppError && error.code === 'conflict') return this.mustExist(visit.id);
      throw error;
    }
  }

  private noticeJobs(visit: Visit, event: 'invite' | 'reschedule' | 'cancel'): ScheduledJob[] {
    if (!tellsAnyone(visit)) return [];
    return [{ job: { kind: 'visit.notify', visitId: visit.id, event, scheduleVersion: visit.scheduleVersion }, runAt: this.deps.now(), dedupeKey: `${event}:${visit.id}:${visit.scheduleVersion}` }];
  }

  private reminderJobs(visit: Visit): ScheduledJob[] {
    if (!tellsAnyone(visit)) return [];
    return reminderTimes(visit.start, this.deps.settings.reminderOffsetsMinutes, this.deps.now()).map((reminder) => ({
      job: { kind: 'visit.notify', visitId: visit.id, event: 'reminder', scheduleVersion: visit.scheduleVersion },
      runAt: reminder.at,
      dedupeKey: `reminder:${visit.id}:${visit.scheduleVersion}:${reminder.offset}`,
    }));
  }

  private async refuseOverlap(visit: Pick<NewVisit, 'tenantId' | 'clinicians' | 'start' | 'durationMinutes'>, excludeId: string | null): Promise<void> {
    if (visit.clinicians.length === 0) return;
    const clashes = await this.deps.store.overlapping(visit.tenantId, visit.clinicians.map(clinicianKey), visit.start, visitEnd(visit), excludeId);
    const clash = clashes[0];
    if (!clash) return;
    const asked = new Set(visit.clinicians.map(clinicianKey));
    const who = clash.clinicians.find((clinician) => asked.has(clinicianKey(clinician)));
    throw new AppError('conflict', `${who?.name ?? 'A clinician'} already has a visit at that time. Choose another time.`, { field: 'start' });
  }

  private async mustExist(visitId: string): Promise<Visit> {
    const visit = await this.deps.store.get(visitId);
    if (!visit) throw new AppError('not_found', 'There is no such visit.');
    return visit;
  }

  /** Same tenant; and for a person: a clinician of the visit, its creator, or a member of its team. */
  private async readable(principal: Principal, visitId: string): Promise<Visit> {
    const visit = await this.mustExist(visitId);
    if (visit.tenantId !== tenantOf(principal)) throw new AppError('not_found', 'There is no such visit.');
    if (principal.kind === 'user' && !(await this.involves(principal.actor, visit))) {
      throw new AppError('forbidden', "Only the visit's clinicians and its care team can see or change this visit.");
    }
    return visit;
  }

  private async changeable(principal: Principal, visitId: string): Promise<Visit> {
    const visit = await this.readable(principal, visitId);
    refuseIfOver(visit);
    return visit;
  }

  private async involves(actor: Actor, visit: Visit): Promise<boolean> {
    if (visit.createdBy.id === actor.userId) return true;
    if (visit.clinicians.some((clinician) => clinician.aadObjectId === actor.userId)) return true;
    return visit.origin.teamId !== null && this.deps.membership.isMember(actor, visit.origin.teamId);
  }

  private record(principal: Principal, action: AuditAction, visit: Visit): Promise<void> {
    return auditVisit(this.deps.audit, actorOf(principal), action, visit);
  }
}

/** Whether the visit's messages reach anyone: the patient by a channel, or a guest (each has a contact). */
const tellsAnyone = (visit: Visit): boolean => visit.notify.length > 0 || visit.guests.length > 0;

function refuseIfOver(visit: Visit): void {
  if (visit.status === 'cancelled') throw new AppError('conflict', 'This visit was cancelled.');
  if (visit.status === 'completed' || visit.status === 'no_show') throw new AppError('conflict', 'This visit is over and can no longer be changed.');
}

export const tenantOf = (principal: Principal): string => (principal.kind === 'user' ? principal.actor.tenantId : principal.tenantId);

function actorOf(principal: Principal): Actor {
  return principal.kind === 'user' ? principal.actor : { userId: INTEGRATION_ACTOR_ID, tenantId: principal.tenantId, name: 'Integration API' };
}
