/**
 * The virtual lobby's use cases. The patient's side is reached through the link token only (and a
 * ticket after the identity check); the clinicians' side through the visit id, for the visit's
 * clinicians and its team. Lobby state lives in the database, so a restart or another instance
 * loses no waiting patient; every change is announced to whoever watches the visit.
 */
import { AppError } from '../shared/app-error';
import type { Actor, TeamMembership } from '../shared/actor';
import type { AuditAction, AuditLog } from '../shared/audit';
import { summariseCall, type CallQualitySummary, type CallSample, type VisitQuality } from '../visits/call-quality';
import { endedDetail, endedLineDue, endedLineJob, endedOutcome, qualityOf, QUALITY_POLL_MS, type EndedLine } from './ended-line';
import { auditVisit } from '../visits/visit-audit';
import { cardJob } from '../visits/visit-jobs';
import { participantKey, visitEnd, type LinkTokens, type MeetingProvider, type Participant, type Visit, type VisitGuest, type VisitStatus, type VisitStore } from '../visits/visit-types';
import type { ScheduledJob } from '../shared/jobs';
import { shortName } from '../visits/visit-patients';
import type { AlertFailure, DeviceCheckResult, LobbyEvents, LobbyMessage, LobbySession, LobbySettings, LobbyStore, RoomPresence, TimelineEvent, VisitFeedback } from './lobby-types';

export type LobbyPhase = 'too_early' | 'identify' | 'device_check' | 'waiting' | 'admitted' | 'ended';

/** What one link's page shows: the patient's, or a guest's (their own session, identity check and admission). */
export interface PatientLobbyView {
  phase: LobbyPhase;
  visit: Visit;
  session: LobbySession;
  opensAt: Date;
  /** Set once admitted: where the patient goes now. */
  joinUrl: string | null;
  participant: Participant;
  /** The guest whose link this is; null for the patient's. */
  guest: VisitGuest | null;
  /** What the identity check asks: the patient's per LOBBY_IDENTITY; a guest's always their name and code. */
  identity: { firstName: boolean; birthYear: boolean; code: boolean };
  /** A completed visit asks this link for a rating: null otherwise; `rating` null until answered. */
  feedback: { rating: number | null } | null;
}

/** One person of a visit's lobby, as the clinicians see them. */
export interface LobbyPerson {
  participant: string;
  name: string;
  guest: VisitGuest | null;
  session: LobbySession;
}

/** How a visit went: what its `ended` line says, and the ratings given after it. */
export interface VisitOutcome {
  lengthSeconds: number | null;
  quality: VisitQuality | null;
  feedback: VisitFeedback[];
}

/** Who to admit: the patient ('patient'), one guest ('guest:<id>'), or everyone checked in and not admitted yet. */
export type AdmitTarget = string;
export const EVERYONE = 'everyone';

interface Link {
  visit: Visit;
  participant: Participant;
  guest: VisitGuest | null;
}

export interface LobbyServiceDeps {
  visits: VisitStore;
  /** Clinicians' lobby reads and actions are patient data reads: each is recorded. */
  audit: AuditLog;
  lobby: LobbyStore;
  events: LobbyEvents;
  tokens: LinkTokens;
  membership: TeamMembership;
  settings: LobbySettings;
  /** Closes the meeting of a visit that ended. */
  meetings: Pick<MeetingProvider, 'end'>;
  /** Who is in a visit's room, for ending a visit whose room stayed empty. */
  presence: RoomPresence;
  /** Where an admitted patient goes: the built-in room (with the link token) or the meeting. */
  patientMeetingUrl(visit: Visit, token: string): string;
  now(): Date;
}

/** Why a visit ended, as the timeline and the webhook say it. */
export type EndReason = 'clinician' | 'empty_room' | 'end_time';

/** Visits that can be ended: the patient checked in. Earlier, it is a no-show or a cancellation. */
const ENDABLE: readonly Visit['status'][] = ['waiting', 'in_visit'];

/** Who admitted someone let in because a clinician was already in the room. */
const LET_IN_AUTOMATICALLY = { id: 'system', name: 'Rounds (a clinician was in the room)' };

const LINK_NOT_VALID = 'This link is not valid any more. Please use the newest message you received, or call the clinic.';
const MAX_MESSAGE = 300;

export class LobbyService {
  constructor(private readonly deps: LobbyServiceDeps) {}

  /** The patient opened their link: the view, and a line in the visit's timeline. */
  async open(token: string): Promise<PatientLobbyView> {
    const view = await this.view(token);
    const key = participantKey(view.participant);
    await this.deps.lobby.change(view.visit.id, view.visit.scheduleVersion, () => null, { kind: 'link_opened', actor: key, detail: { phase: view.phase } }, key);
    return view;
  }

  /** What the patient's page shows. Unknown, forged, revoked and expired links all look the same. */
  async view(token: string): Promise<PatientLobbyView> {
    const link = await this.linkOf(token);
    const key = participantKey(link.participant);
    const session = await this.deps.lobby.session(link.visit.id, link.visit.scheduleVersion, key);
    const feedback = link.visit.status === 'completed' ? { rating: (await this.deps.lobby.feedback(link.visit.id)).find((answer) => answer.participant === key)?.rating ?? null } : null;
    return { ...this.present(link, session, token), feedback };
  }

  /**
   * The patient's (or a guest's) rating of their completed visit, once per link: a second answer is
   * refused (409), so what the clinic and the webhook saw stays what the patient first said.
   */
  async giveFeedback(token: string, ticket: string, answer: { rating: number; comment?: string | undefined }): Promise<PatientLobbyView> {
    const link = await this.linkOf(token);
    if (link.visit.status !== 'completed') throw new AppError('conflict', 'You can rate your visit once it has ended.');
    this.checkTicket(link, token, ticket);
    const feedback: VisitFeedback = { participant: participantKey(link.participant), rating: answer.rating, comment: answer.comment || null, at: this.deps.now() };
    if (!(await this.deps.lobby.addFeedback(link.visit.id, feedback))) throw new AppError('conflict', 'You have already rated this visit. Thank you.');
    // The visit's card shows the patient's rating: refresh it once per answer.
    const { job, runAt } = cardJob(link.visit, feedback.at);
    await this.deps.visits.enqueue([{ job, runAt, dedupeKey: `card:${link.visit.id}:feedback:${feedback.participant}` }]);
    await this.deps.events.publish(link.visit.id);
    return this.view(token);
  }

  /**
   * The identity check: the patient's first name and birth year (per LOBBY_IDENTITY); a guest's first
   * name and the code sent to them with their link.
   */
  async identify(token: string, answer: { firstName?: string | undefined; birthYear?: number | undefined; code?: string | undefined }): Promise<string> {
    const link = await this.openLink(token);
    const { visit, guest } = link;
    let matches: boolean;
    if (guest) {
      matches = sameName(answer.firstName ?? '', guest.name) && answer.code === this.deps.tokens.codeFor(token);
    } else {
      const wanted = this.deps.settings.identity;
      const nameOk = !wanted.firstName || !visit.patient.givenName || sameName(answer.firstName ?? '', visit.patient.givenName);
      const birthYear = visit.patient.birthDate ? Number(visit.patient.birthDate.slice(0, 4)) : null;
      const yearOk = !wanted.birthYear || birthYear === null || answer.birthYear === birthYear;
      matches = nameOk && yearOk;
    }
    if (!matches) {
      const key = participantKey(link.participant);
      await this.deps.lobby.change(visit.id, visit.scheduleVersion, () => null, { kind: 'identity_failed', actor: key, detail: {} }, key);
      throw new AppError(
        'forbidden',
        guest
          ? 'Those details do not match: use your first name as the clinic has it and the code from your message, or call the clinic.'
          : 'Those details do not match what the clinic has for this visit. Check the spelling, or call the clinic.',
      );
    }
    await this.patientChange(link, (session) => (session.identifiedAt ? null : { identifiedAt: this.deps.now() }), 'identified', {});
    return this.deps.tokens.ticketFor(token);
  }

  async reportDeviceCheck(token: string, ticket: string, result: DeviceCheckResult): Promise<PatientLobbyView> {
    const link = await this.identified(token, ticket);
    const failed = (Object.keys(result) as (keyof DeviceCheckResult)[]).filter((key) => result[key] === 'failed');
    await this.patientChange(link, () => ({ deviceCheck: { ...result, at: this.deps.now() } }), 'device_check', { failed: failed.join(',') || null, rttMs: result.rttMs });
    return this.view(token);
  }

  /**
   * The patient (or a guest) is here. The first to arrive makes the visit waiting and its clinicians
   * are alerted (then again, then the channel); anyone arriving later refreshes the visit's cards.
   */
  async checkIn(token: string, ticket: string): Promise<PatientLobbyView> {
    const link = await this.identified(token, ticket);
    const { visit } = link;
    const now = this.deps.now();
    const { changed, session } = await this.patientChange(link, (s) => (s.checkedInAt ? null : { checkedInAt: now }), 'checked_in', {});
    if (changed && session.checkedInAt && visit.status !== 'scheduled') await this.cardsShowArrival(visit, session.participant, session.checkedInAt);
    // "Let them in when I'm ready", and a clinician is already in the room: in at once.
    if (changed && visit.admitWhenClinicianJoins && (await this.deps.presence.clinicianPresent(visit))) {
      await this.admitIn(visit, LET_IN_AUTOMATICALLY, session.participant);
      return this.view(token);
    }
    if (changed && session.checkedInAt && visit.status === 'scheduled') await this.nowWaiting(visit.id, session.participant, session.checkedInAt);
    return this.view(token);
  }

  /**
   * Admits the patient (by default), one guest, or everyone checked in and not admitted yet. Two
   * clinicians at once admit once; the second learns who did.
   */
  async admit(actor: Actor, visitId: string, target: AdmitTarget = 'patient'): Promise<{ admitted: boolean; session: LobbySession; visit: Visit }> {
    const visit = await this.forClinician(actor, visitId, 'lobby.admit');
    return this.admitIn(visit, { id: actor.userId, name: actor.name }, target);
  }

  /**
   * "Let them in when I'm ready": a clinician of the visit entered its room. With the option on, everyone
   * checked in is admitted; otherwise nothing happens.
   */
  async clinicianEntered(actor: Actor, visitId: string): Promise<void> {
    const visit = await this.deps.visits.get(visitId);
    if (!visit?.admitWhenClinicianJoins || visit.tenantId !== actor.tenantId || !['waiting', 'in_visit'].includes(visit.status)) return;
    if (!visit.clinicians.some((clinician) => clinician.aadObjectId === actor.userId)) return;
    const waiting = (await this.people(visit)).filter((person) => person.session.checkedInAt && !person.session.admittedAt);
    if (waiting.length === 0) return;
    await auditVisit(this.deps.audit, actor, 'lobby.admit', visit);
    await this.admitIn(visit, { id: actor.userId, name: actor.name }, EVERYONE);
  }

  /** Everyone who may be in the visit's lobby (the patient, then each guest), with their session of the current schedule. */
  async people(visit: Visit): Promise<[LobbyPerson, ...LobbyPerson[]]> {
    const sessions = await this.deps.lobby.sessions(visit.id, visit.scheduleVersion);
    const sessionOf = async (key: string) => sessions.find((session) => session.participant === key) ?? (await this.deps.lobby.session(visit.id, visit.scheduleVersion, key));
    return [
      { participant: 'patient', name: visit.patient.name, guest: null, session: await sessionOf('patient') },
      ...(await Promise.all(
        visit.guests.map(async (guest) => {
          const key = participantKey({ kind: 'guest', guestId: guest.id });
          return { participant: key, name: guest.name, guest, session: await sessionOf(key) };
        }),
      )),
    ];
  }

  private async admitIn(visit: Visit, by: { id: string; name: string }, target: AdmitTarget): Promise<{ admitted: boolean; session: LobbySession; visit: Visit }> {
    const people = await this.people(visit);
    const checkedIn = people.filter((person) => person.session.checkedInAt);
    let chosen: LobbyPerson[];
    if (target === EVERYONE) {
      if (checkedIn.length === 0) throw new AppError('conflict', 'Nobody has checked in yet. You can admit people once they are waiting.');
      const waiting = checkedIn.filter((person) => !person.session.admittedAt);
      chosen = waiting.length > 0 ? waiting : checkedIn.slice(0, 1);
    } else {
      const person = people.find((candidate) => candidate.participant === target);
      if (!person) throw new AppError('validation', 'That person is not part of this visit.', { field: 'who' });
      if (!person.session.checkedInAt) {
        throw new AppError('conflict', `${person.guest ? person.name : 'The patient'} has not checked in yet. You can admit them once they are waiting.`);
      }
      chosen = [person];
    }
    const now = this.deps.now();
    let changed = false;
    let admitted = false;
    let session = chosen[0]?.session ?? people[0].session;
    for (const person of chosen) {
      const waitSeconds = Math.max(0, Math.round((now.getTime() - (person.session.checkedInAt ?? now).getTime()) / 1000));
      const result = await this.deps.lobby.change(
        visit.id,
        visit.scheduleVersion,
        (s) => (s.admittedAt ? null : { admittedAt: now, admittedBy: by }),
        { kind: 'admitted', actor: by.id, detail: { by: by.name, waitSeconds, participant: person.participant } },
        person.participant,
      );
      changed ||= result.changed;
      admitted ||= result.session.admittedAt !== null;
      if (person === chosen[0]) session = result.session;
    }
    // The admission and the visit's status are written one after the other: a click that finds the
    // admission made (by a clinician clicking at the same moment, or by one whose request stopped
    // between the two) still sees the visit move on.
    if (changed || admitted) {
      const emptyCheck: ScheduledJob = {
        job: { kind: 'visit.auto-end', visitId: visit.id, reason: 'empty_room' },
        runAt: new Date(now.getTime() + this.deps.settings.emptyRoomEndMinutes * 60_000),
        dedupeKey: `auto-end:empty:${visit.id}:${now.getTime()}`,
      };
      await this.setStatus(visit.id, 'in_visit', [emptyCheck, this.endTimeJob(visit)], changed ? undefined : ['waiting']);
    }
    await this.deps.events.publish(visit.id);
    return { admitted: changed, session, visit: (await this.deps.visits.get(visit.id)) ?? visit };
  }

  /** "Running about 10 minutes late": shown in the patient's waiting room, and each guest's. */
  async messagePatient(actor: Actor, visitId: string, text: string): Promise<void> {
    const clean = cleanMessage(text, 'Write a message for the patient.');
    const visit = await this.forClinician(actor, visitId, 'lobby.message');
    const message = { text: clean, at: this.deps.now(), from: actor.name, participant: null };
    for (const [index, person] of (await this.people(visit)).entries()) {
      // One line on the timeline for the message, however many pages show it.
      const event = index === 0 ? { kind: 'message_to_patient' as const, actor: actor.userId, detail: {} } : null;
      await this.deps.lobby.change(visit.id, visit.scheduleVersion, (s) => ({ messages: [...s.messages, message] }), event, person.participant);
    }
    await this.deps.events.publish(visit.id);
  }

  /**
   * "Running 5 minutes late": the patient (or a guest), checked in and not yet admitted, writes to the
   * clinic. Kept in the sender's own session (their page shows their side of the conversation), a line
   * on the timeline without the text, and the visit's cards refreshed to show it.
   */
  async messageClinic(token: string, ticket: string, text: string): Promise<void> {
    const clean = cleanMessage(text, 'Write a message for the clinic.');
    const link = await this.identified(token, ticket);
    const { visit, guest } = link;
    const key = participantKey(link.participant);
    const now = this.deps.now();
    const message: LobbyMessage = { text: clean, at: now, from: guest ? guest.name : shortName(visit.patient), participant: key };
    const { changed } = await this.deps.lobby.change(
      visit.id,
      visit.scheduleVersion,
      (s) => (s.checkedInAt && !s.admittedAt ? { messages: [...s.messages, message] } : null),
      { kind: 'message_from_patient', actor: key, detail: {} },
      key,
    );
    if (!changed) throw new AppError('conflict', 'You can message the clinic while you wait, once you have checked in.');
    const { job, runAt } = cardJob(visit, now);
    await this.deps.visits.enqueue([{ job, runAt, dedupeKey: `card:${visit.id}:message:${key}:${now.toISOString()}` }]);
    await this.deps.events.publish(visit.id);
  }

  /** Only for a patient who never checked in: one who did came, and their visit is ended instead. */
  async markNoShow(actor: Actor, visitId: string): Promise<Visit> {
    const visit = await this.forClinician(actor, visitId, 'lobby.no_show');
    // A visit whose guest checked in is waiting: refused below like one whose patient did.
    if (visit.status === 'in_visit' || visit.status === 'completed') throw new AppError('conflict', 'The patient was admitted: this visit is not a no-show.');
    if (visit.status === 'waiting' || (await this.deps.lobby.session(visit.id, visit.scheduleVersion)).checkedInAt) {
      throw new AppError('conflict', 'The patient checked in: this visit is not a no-show. End the visit instead.');
    }
    await this.deps.lobby.change(visit.id, visit.scheduleVersion, () => null, { kind: 'no_show', actor: actor.userId, detail: {} });
    const updated = await this.setStatus(visit.id, 'no_show');
    await this.deps.events.publish(visit.id);
    return updated;
  }

  /** A clinician's "End visit": the visit is completed, its meeting closed, the patient's page says it is over. Ending twice is not an error. */
  async end(actor: Actor, visitId: string): Promise<Visit> {
    return this.finish(await this.forClinician(actor, visitId, 'lobby.end'), actor.userId, 'clinician');
  }

  /**
   * The `visit.auto-end` job: ends a visit still open at its end time plus the grace period, or an
   * admitted visit whose room has been empty for `emptyRoomEndMinutes`; otherwise looks again later.
   */
  async autoEnd(visitId: string, reason: Exclude<EndReason, 'clinician'>): Promise<void> {
    const visit = await this.deps.visits.get(visitId);
    if (!visit || !ENDABLE.includes(visit.status)) return;
    const now = this.deps.now();
    if (reason === 'end_time') {
      const due = this.endDue(visit);
      // The visit was moved since this job was queued: look again at the new end.
      if (due > now) return this.deps.visits.enqueue([{ job: { kind: 'visit.auto-end', visitId: visit.id, reason: 'end_time' }, runAt: due, dedupeKey: `auto-end:end:${visit.id}:${due.getTime()}` }]);
      await this.finish(visit, 'system', 'end_time');
      return;
    }
    const admittedAt = await this.firstAdmission(visit);
    const seen = visit.status === 'in_visit' && admittedAt ? await this.deps.presence.presence(visit, now) : null;
    // Rounds cannot see who is in a Teams meeting: the end time ends those visits.
    if (!seen || !admittedAt) return;
    const emptyMs = this.deps.settings.emptyRoomEndMinutes * 60_000;
    const lastOccupied = seen.present ? now : new Date(Math.max(admittedAt.getTime(), seen.lastSeenAt?.getTime() ?? 0));
    if (!seen.present && now.getTime() - lastOccupied.getTime() >= emptyMs) {
      await this.finish(visit, 'system', 'empty_room');
      return;
    }
    const runAt = new Date(lastOccupied.getTime() + emptyMs);
    await this.deps.visits.enqueue([{ job: { kind: 'visit.auto-end', visitId: visit.id, reason: 'empty_room' }, runAt, dedupeKey: `auto-end:empty:${visit.id}:${runAt.getTime()}` }]);
  }

  /** The `visit.meeting-end` job: closes the meeting of a visit that ended (a Teams meeting is deleted). */
  async endMeeting(visitId: string): Promise<void> {
    const visit = await this.deps.visits.get(visitId);
    if (visit?.status !== 'completed' || !visit.meeting) return;
    await this.deps.meetings.end(visit, visit.meeting);
  }

  /** The alert job reached the clinicians: the patient's page says so. */
  async markCliniciansAlerted(visitId: string, step: number): Promise<void> {
    const visit = await this.deps.visits.get(visitId);
    if (!visit) return;
    await this.deps.lobby.change(
      visit.id,
      visit.scheduleVersion,
      (s) => (s.clinicianNotifiedAt ? {} : { clinicianNotifiedAt: this.deps.now() }),
      { kind: step >= 2 ? 'escalated_to_channel' : 'clinicians_alerted', actor: 'system', detail: { step } },
    );
    await this.deps.events.publish(visit.id);
  }

  /**
   * An alert step reached nobody: the timeline records why, and the visit's card says so. Not once
   * the patient is admitted: the step may have been under way when a clinician clicked Admit, and
   * the visit's card and webhook would then report a failure nobody needs to act on.
   */
  async markAlertFailed(visitId: string, step: number, reason: AlertFailure): Promise<void> {
    const visit = await this.deps.visits.get(visitId);
    if (visit?.status !== 'waiting') return;
    const { changed } = await this.deps.lobby.change(visit.id, visit.scheduleVersion, (session) => (session.admittedAt ? null : {}), {
      kind: 'alert_failed',
      actor: 'system',
      detail: { step, reason },
    });
    if (!changed) return;
    // The visit itself did not change, so the card's refresh is keyed by this failure, not by a version.
    const { job, runAt } = cardJob(visit, this.deps.now());
    await this.deps.visits.enqueue([{ job, runAt, dedupeKey: `card:${visit.id}:alert-failed:${step}:${runAt.toISOString()}` }]);
  }

  /** Why the newest alert since the patient checked in reached nobody; null when it reached someone (or none was sent yet). */
  async alertFailure(visit: Visit, session: LobbySession): Promise<AlertFailure | null> {
    if (!session.checkedInAt || session.admittedAt) return null;
    const since = session.checkedInAt.getTime();
    const alerts = (await this.deps.lobby.timeline(visit.id)).filter(
      (event) => event.at.getTime() >= since && (event.kind === 'alert_failed' || event.kind === 'clinicians_alerted' || event.kind === 'escalated_to_channel'),
    );
    const last = alerts.at(-1);
    return last?.kind === 'alert_failed' ? (last.detail.reason as AlertFailure) : null;
  }

  /** Whether an alert step still matters: whoever checked in first (patient or guest) is still waiting, from the same check-in. */
  async stillWaiting(visitId: string, checkedInAt: string): Promise<{ visit: Visit; session: LobbySession } | null> {
    const visit = await this.deps.visits.get(visitId);
    if (!visit || visit.status !== 'waiting') return null;
    const sessions = await this.deps.lobby.sessions(visit.id, visit.scheduleVersion);
    const session = sessions.find((s) => !s.admittedAt && s.checkedInAt?.toISOString() === checkedInAt);
    return session ? { visit, session } : null;
  }

  /** The lobby as the visit's clinicians see it: state and timeline. */
  async clinicianView(
    actor: Actor,
    visitId: string,
  ): Promise<{ visit: Visit; session: LobbySession; timeline: TimelineEvent[]; people: LobbyPerson[]; feedback: VisitFeedback[] }> {
    const visit = await this.forClinician(actor, visitId, 'lobby.view', { allowCancelled: true });
    const [people, timeline, feedback] = await Promise.all([this.people(visit), this.deps.lobby.timeline(visit.id), this.deps.lobby.feedback(visit.id)]);
    return { visit, session: people[0].session, timeline, people, feedback };
  }

  /**
   * One participant's call in the visit's built-in room, graded from its samples: a `call_quality`
   * timeline event (and so webhook event) with the worst and the median grade.
   */
  async recordCallQuality(visitId: string, actor: string, samples: readonly CallSample[]): Promise<CallQualitySummary | null> {
    const visit = await this.deps.visits.get(visitId);
    const summary = summariseCall(samples);
    if (!visit || !summary) return summary;
    // The patient's session row is only the lock the timeline write takes; nothing in it changes.
    await this.deps.lobby.change(visit.id, visit.scheduleVersion, () => ({}), { kind: 'call_quality', actor, detail: { ...summary } });
    return summary;
  }

  /**
   * How a visit went, for a caller that has already read the visit (the integration API): its `ended`
   * line's length and call quality (null until written) and every rating given.
   */
  async outcome(visit: Visit): Promise<VisitOutcome> {
    const [timeline, feedback] = await Promise.all([this.deps.lobby.timeline(visit.id), this.deps.lobby.feedback(visit.id)]);
    return { ...endedOutcome(timeline.filter((event) => event.kind === 'ended').pop()), feedback };
  }

  /** The patient's own rating of the visit (1-5), for the visit's card; null until given. */
  async patientRating(visit: Visit): Promise<number | null> {
    return (await this.deps.lobby.feedback(visit.id)).find((answer) => answer.participant === 'patient')?.rating ?? null;
  }

  async sessionOf(visit: Visit): Promise<LobbySession> {
    return this.deps.lobby.session(visit.id, visit.scheduleVersion);
  }

  private present(link: Link, session: LobbySession, token: string): Omit<PatientLobbyView, 'feedback'> {
    const { visit } = link;
    const opensAt = new Date(visit.start.getTime() - this.deps.settings.opensBeforeMinutes * 60_000);
    const identity = this.identityOf(link);
    const identityNeeded = identity.firstName || identity.birthYear || identity.code;
    let phase: LobbyPhase;
    // An ended visit is over for an admitted patient too: no join link any more.
    if (visit.status === 'completed' || visit.status === 'no_show') phase = 'ended';
    else if (session.admittedAt) phase = 'admitted';
    else if (this.deps.now() < opensAt) phase = 'too_early';
    else if (session.checkedInAt) phase = 'waiting';
    else if (session.identifiedAt || !identityNeeded) phase = 'device_check';
    else phase = 'identify';
    return {
      phase,
      visit,
      session,
      opensAt,
      joinUrl: phase === 'admitted' ? this.deps.patientMeetingUrl(visit, token) : null,
      participant: link.participant,
      guest: link.guest,
      identity,
    };
  }

  private identityOf(link: Link): PatientLobbyView['identity'] {
    return link.guest ? { firstName: true, birthYear: false, code: true } : { ...this.deps.settings.identity, code: false };
  }

  /** The visit and participant of a link; a guest's link holds only while the guest is still on the visit. */
  private async linkOf(token: string): Promise<Link> {
    const claim = this.deps.tokens.verify(token);
    const visit = claim ? await this.deps.visits.get(claim.visitId) : null;
    const closesAt = visit ? visitEnd(visit).getTime() + this.deps.settings.closesAfterMinutes * 60_000 : 0;
    const guest = claim?.guestId ? (visit?.guests.find((candidate) => candidate.id === claim.guestId) ?? null) : null;
    if (
      !visit ||
      !claim ||
      (claim.guestId !== null && !guest) ||
      visit.scheduleVersion !== claim.scheduleVersion ||
      visit.status === 'cancelled' ||
      this.deps.now().getTime() > closesAt
    ) {
      throw new AppError('not_found', LINK_NOT_VALID);
    }
    return { visit, guest, participant: guest ? { kind: 'guest', guestId: guest.id } : { kind: 'patient' } };
  }

  /** A link whose waiting room is open now. */
  private async openLink(token: string): Promise<Link> {
    const view = await this.view(token);
    if (view.phase === 'too_early') throw new AppError('conflict', 'The waiting room is not open yet. Come back a little before your visit.');
    if (view.phase === 'ended') throw new AppError('conflict', 'This visit is over.');
    return { visit: view.visit, guest: view.guest, participant: view.participant };
  }

  private async identified(token: string, ticket: string): Promise<Link> {
    const link = await this.openLink(token);
    this.checkTicket(link, token, ticket);
    return link;
  }

  /** Where the link's identity check asks anything, the page holds the ticket it earned. */
  private checkTicket(link: Link, token: string, ticket: string): void {
    const identity = this.identityOf(link);
    if ((identity.firstName || identity.birthYear || identity.code) && !this.deps.tokens.isTicketFor(token, ticket)) {
      throw new AppError('unauthenticated', 'Please confirm who you are first.');
    }
  }

  /** A change by the link's holder (patient or guest), recorded on the timeline as theirs. */
  private async patientChange(
    { visit, participant }: Link,
    change: (session: LobbySession) => Partial<LobbySession> | null,
    kind: 'identified' | 'device_check' | 'checked_in',
    detail: Record<string, string | number | boolean | null>,
  ) {
    const key = participantKey(participant);
    const result = await this.deps.lobby.change(visit.id, visit.scheduleVersion, change, { kind, actor: key, detail }, key);
    if (result.changed) await this.deps.events.publish(visit.id);
    return result;
  }

  /** The visit, for one of its clinicians or its team; what they read or do is audited (the patient by id, never by name). */
  private async forClinician(actor: Actor, visitId: string, action: AuditAction, options: { allowCancelled?: boolean } = {}): Promise<Visit> {
    const visit = await this.deps.visits.get(visitId);
    if (!visit || visit.tenantId !== actor.tenantId) throw new AppError('not_found', 'There is no such visit.');
    const isClinician = visit.clinicians.some((clinician) => clinician.aadObjectId === actor.userId);
    const inTeam = !isClinician && visit.origin.teamId !== null && (await this.deps.membership.isMember(actor, visit.origin.teamId));
    if (!isClinician && !inTeam) throw new AppError('forbidden', "Only the visit's clinicians and members of its care team can do this.");
    if (visit.status === 'cancelled' && !options.allowCancelled) throw new AppError('conflict', 'This visit was cancelled.');
    await auditVisit(this.deps.audit, actor, action, visit);
    return visit;
  }

  /**
   * The first arrival makes the visit waiting: its card first (it shows the patient waiting with Admit
   * wherever the 1:1 alerts go), then the alerts and the end-time check. Another change to the visit at
   * the same moment (a second arrival, a card recorded) is read again, not lost: an arrival that finds
   * the visit already moved on refreshes its cards, as a later arrival does.
   */
  private async nowWaiting(visitId: string, participant: string, checkedInAt: Date): Promise<void> {
    const now = this.deps.now();
    const at = checkedInAt.toISOString();
    const step = this.deps.settings.escalateAfterMinutes * 60_000;
    await this.retryOnConflict(visitId, async (visit) => {
      if (visit.status !== 'scheduled') {
        await this.cardsShowArrival(visit, participant, checkedInAt);
        return visit;
      }
      const jobs: ScheduledJob[] = [
        cardJob(visit, now),
        ...[0, 1, 2].map((n) => ({
          job: { kind: 'lobby.alert' as const, visitId: visit.id, checkedInAt: at, step: n },
          runAt: new Date(now.getTime() + n * step),
          dedupeKey: `lobby-alert:${visit.id}:${at}:${n}`,
        })),
        this.endTimeJob(visit),
      ];
      return this.deps.visits.update(visit.id, visit.version, { status: 'waiting' }, jobs);
    });
  }

  /** Someone arrived at a visit already waiting (or under way): its cards show them. */
  private async cardsShowArrival(visit: Visit, participant: string, checkedInAt: Date): Promise<void> {
    const { job, runAt } = cardJob(visit, this.deps.now());
    await this.deps.visits.enqueue([{ job, runAt, dedupeKey: `card:${visit.id}:checked-in:${participant}:${checkedInAt.toISOString()}` }]);
  }

  /** Moves the visit's status (from any, or only from those in `from`), retrying when another change got there first. */
  private async setStatus(visitId: string, status: 'in_visit' | 'no_show', jobs: readonly ScheduledJob[] = [], from?: readonly VisitStatus[]): Promise<Visit> {
    return this.retryOnConflict(visitId, async (visit) => {
      if (visit.status === status || (from && !from.includes(visit.status))) return visit;
      return this.deps.visits.update(visit.id, visit.version, { status }, [cardJob(visit, this.deps.now()), ...jobs]);
    });
  }

  /**
   * Completes the visit: its length (first admission -> ended) and its call's quality go to the
   * timeline's `ended` line (and so the webhook), its meeting is closed by a job. The browsers still in
   * a built-in room report their call as the end reaches them, so with anyone there the `ended` line
   * waits for those reports (the `visit.ended` job); the visit itself is over at once either way.
   */
  private async finish(current: Visit, by: string, reason: EndReason): Promise<Visit> {
    const ended = await this.retryOnConflict(current.id, async (visit) => {
      if (visit.status === 'completed') return visit;
      if (!ENDABLE.includes(visit.status)) {
        throw new AppError('conflict', visit.status === 'scheduled' || visit.status === 'pending' ? 'The patient has not checked in: there is no visit to end yet.' : 'This visit is already over.');
      }
      const [admittedAt, awaiting] = await Promise.all([this.firstAdmission(visit), this.deps.presence.inRoom(visit)]);
      const now = this.deps.now();
      const lengthSeconds = admittedAt ? Math.max(0, Math.round((now.getTime() - admittedAt.getTime()) / 1000)) : 0;
      const jobs: ScheduledJob[] = [cardJob(visit, now), { job: { kind: 'visit.meeting-end', visitId: visit.id }, runAt: now, dedupeKey: `meeting-end:${visit.id}` }];
      const line = { visitId: visit.id, actor: by, reason, endedAt: now.toISOString(), lengthSeconds, admitted: admittedAt !== null, awaiting };
      if (awaiting.length > 0) {
        jobs.push(endedLineJob(line, new Date(now.getTime() + QUALITY_POLL_MS)));
        return this.deps.visits.update(visit.id, visit.version, { status: 'completed', endedAt: now }, jobs);
      }
      return this.deps.visits.update(visit.id, visit.version, { status: 'completed', endedAt: now }, jobs, {
        kind: 'ended',
        actor: by,
        detail: endedDetail(line, await this.visitQuality(visit.id)),
      });
    });
    await this.deps.events.publish(ended.id);
    return ended;
  }

  /**
   * The `visit.ended` job: writes the `ended` line once everyone who was in the room at the end has
   * reported their call, or once waiting stopped being worth it (`endedLineDue`); until then it looks
   * again. Written once, whichever run gets there.
   */
  async writeEndedLine(line: EndedLine): Promise<void> {
    const visit = await this.deps.visits.get(line.visitId);
    if (!visit) return;
    const timeline = await this.deps.lobby.timeline(visit.id);
    if (timeline.some((event) => event.kind === 'ended')) return;
    const due = endedLineDue(line, timeline, this.deps.now());
    if (due !== 'now') return this.deps.visits.enqueue([endedLineJob(line, due)]);
    // The patient's session row is only the lock the timeline write takes; nothing in it changes.
    await this.deps.lobby.change(visit.id, visit.scheduleVersion, () => ({}), { kind: 'ended', actor: line.actor, detail: endedDetail(line, qualityOf(timeline)) });
    await this.deps.events.publish(visit.id);
  }

  /** The visit's call so far, from its participants' `call_quality` lines. */
  private async visitQuality(visitId: string): Promise<VisitQuality | null> {
    return qualityOf(await this.deps.lobby.timeline(visitId));
  }

  /** Runs `change` on the visit as it is now, again (up to 3 times) when another change got there first. */
  private async retryOnConflict(visitId: string, change: (visit: Visit) => Promise<Visit>): Promise<Visit> {
    for (let attempt = 0; ; attempt++) {
      const visit = await this.deps.visits.get(visitId);
      if (!visit) throw new AppError('not_found', 'There is no such visit.');
      try {
        return await change(visit);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'conflict') || attempt >= 3) throw error;
      }
    }
  }

  /** When the first person (patient or guest) was let in: the visit's length counts from then. */
  private async firstAdmission(visit: Visit): Promise<Date | null> {
    const times = (await this.deps.lobby.sessions(visit.id, visit.scheduleVersion)).flatMap((session) => (session.admittedAt ? [session.admittedAt.getTime()] : []));
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }

  /** When a visit still open ends by itself: its end time plus the grace period. */
  private endDue(visit: Visit): Date {
    return new Date(visitEnd(visit).getTime() + this.deps.settings.endGraceMinutes * 60_000);
  }

  /**
   * Ends a visit still open at its end time plus the grace period, and a patient who arrives later than
   * that a grace period after arriving; keyed by the due time, so a moved visit gets its own.
   */
  private endTimeJob(visit: Visit): ScheduledJob {
    const due = this.endDue(visit);
    const runAt = new Date(Math.max(due.getTime(), this.deps.now().getTime() + this.deps.settings.endGraceMinutes * 60_000));
    return { job: { kind: 'visit.auto-end', visitId: visit.id, reason: 'end_time' }, runAt, dedupeKey: `auto-end:end:${visit.id}:${due.getTime()}` };
  }
}

/** One line of plain text: surrounding and repeated whitespace (newlines too) collapse to single spaces. */
function cleanMessage(text: string, emptyMessage: string): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (!clean) throw new AppError('validation', emptyMessage, { field: 'text' });
  if (clean.length > MAX_MESSAGE) throw new AppError('validation', `Keep the message under ${MAX_MESSAGE} characters.`, { field: 'text' });
  return clean;
}

/**
 * A visit's lobby conversation, oldest first: the clinic's messages (copied to every person's page,
 * shown once here) and each person's own from the waiting room.
 */
export function lobbyConversation(sessions: readonly LobbySession[]): LobbyMessage[] {
  const seen = new Set<string>();
  const all = sessions.flatMap((session) => session.messages);
  return all
    .filter((message) => {
      if (message.participant !== null) return true;
      const key = `${message.at.getTime()}|${message.from}|${message.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** First names compare without case, accents or surrounding punctuation ("zoë" = "Zoe"). */
function sameName(given: string, expected: string): boolean {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}]/gu, '');
  const first = expected.trim().split(/\s+/)[0] ?? '';
  return fold(given).length > 0 && fold(given) === fold(first);
}
