/**
 * The card of one visit, posted to the conversation it belongs to and updated in place whenever the
 * visit changes. Times render in each viewer's own zone; Teams refreshes it for the listed clinicians.
 * While a patient is in the lobby the card says so (who, devices, how long; then who admitted them)
 * and offers Admit; its refresh then goes to the lobby handler, the one that reads the lobby. The
 * Invitation line says how the patient was told, when whoever builds the card read the outbox.
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { waitingLabel } from '../../contracts/lobby-api';
import { lobbyConversation, type LobbyPerson } from '../../domain/lobby/lobby-service';
import type { AlertFailure, LobbySession } from '../../domain/lobby/lobby-types';
import type { PatientReply, VisitDelivery } from '../../domain/notifications/notification-types';
import type { Visit, VisitStatus } from '../../domain/visits/visit-types';
import { wallClockOf } from '../../domain/visits/zoned-time';
import { attention, card, execute, heading, note, viewerClock } from '../card-parts';
import { invitationLabel } from './visit-card-delivery';
import { isLive, lobbyLine, minutesLabel, patientLabel, shortName, statusLabel, visitTimeFacts, waitLabel } from './visit-card-parts';

/** Teams refreshes a card automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

export interface VisitCardView {
  visit: Visit;
  /** The patient's lobby link; null when it cannot be issued (e.g. the visit is over). */
  patientLink: string | null;
  /** Teams user ids of the clinicians, for automatic refresh. */
  viewerIds: readonly string[];
  /** The zone the reschedule inputs are filled in (the viewer's when known, else the visit's). */
  timeZone: string;
  /** The visit's lobby as read at `now`; given by whoever builds the card knowing it (jobs, actions, refresh). */
  lobby?: { session: LobbySession; now: Date; alertFailure?: AlertFailure | null; people?: readonly LobbyPerson[]; rating?: number | null };
  /** The newest message to the patient per channel, when read: the Invitation line says what became of it. */
  deliveries?: readonly VisitDelivery[];
  /** The patient's answer to the invitation SMS; a request to cancel waits for a clinician's Cancel. */
  patientReply?: PatientReply;
  /** When the card is built, if known: Mark no-show is offered from the visit's start. */
  now?: Date;
  notice?: string;
  error?: string;
}

/** Visits whose card shows the lobby: Teams asks the lobby handler for their current card. */
const LOBBY_STATUSES: readonly VisitStatus[] = ['waiting', 'in_visit'];
export const LOBBY_REFRESH_VERB = 'visit.lobby-refresh';
/**
 * Visits whose card has a lobby line (a no-show's says whether the patient had checked in, a completed
 * one how long the visit was): read their lobby to build it.
 */
export const SHOWS_LOBBY: readonly VisitStatus[] = [...LOBBY_STATUSES, 'no_show', 'completed'];

type Element = Record<string, unknown>;

export function visitCard(view: VisitCardView): AdaptiveCard {
  const { visit } = view;
  const viewers = [...new Set(view.viewerIds)].slice(0, MAX_REFRESH_USERS);
  const lobby = lobbyState(view);
  const body: Element[] = [
    heading(visit.status === 'cancelled' ? 'Video visit (cancelled)' : 'Video visit'),
    ...(lobby ? [{ type: 'TextBlock', text: lobby.text, weight: 'Bolder', color: lobby.color, wrap: true }] : []),
    ...(view.lobby?.alertFailure && visit.status === 'waiting' ? [attention(alertFailureText(visit, view.lobby.alertFailure))] : []),
    ...waitingRoomMessage(view),
    ...(view.error ? [attention(view.error)] : []),
    ...(view.notice ? [note(view.notice)] : []),
    ...admitEachSet(view),
    ...(view.patientReply === 'patient_confirmed' ? [{ type: 'TextBlock', text: 'Confirmed by the patient', color: 'Good', wrap: true }] : []),
    ...(view.patientReply === 'cancel_requested' ? [attention('The patient asked to cancel. To cancel the visit, use Cancel visit.')] : []),
    {
      type: 'FactSet',
      facts: [
        { title: 'Patient', value: patientLabel(visit.patient) },
        ...visitTimeFacts(visit),
        { title: 'Duration', value: minutesLabel(visit.durationMinutes) },
        { title: 'Clinicians', value: visit.clinicians.map((clinician) => clinician.name).join(', ') || 'None named' },
        ...(visit.reason ? [{ title: 'Reason', value: visit.reason }] : []),
        ...(visit.guests.length > 0 ? [{ title: 'Guests', value: visit.guests.map(guestLabel).join(', ') }] : []),
        { title: 'Status', value: statusLabel(visit.status) },
        { title: 'Invitation', value: invitationLabel(visit, view.deliveries) },
      ],
    },
  ];
  return {
    ...card(body),
    refresh: {
      action: { type: 'Action.Execute', verb: LOBBY_STATUSES.includes(visit.status) ? LOBBY_REFRESH_VERB : 'visit.refresh', data: { visitId: visit.id, viewers } },
      // An empty list would turn automatic refresh off for everyone: leave it out instead.
      ...(viewers.length > 0 ? { userIds: viewers } : {}),
    },
    actions: isLive(visit) ? liveActions(view, viewers) : [],
  };
}

/**
 * The newest message from the waiting room ("Margaret O.: running 5 minutes late") while the visit's
 * lobby is open. Text runs, not a TextBlock: the patient's text must not be read as markdown.
 */
function waitingRoomMessage({ visit, lobby }: VisitCardView): Element[] {
  if (!lobby || !LOBBY_STATUSES.includes(visit.status)) return [];
  const latest = lobbyConversation(lobby.people ? lobby.people.map((person) => person.session) : [lobby.session])
    .filter((message) => message.participant !== null)
    .at(-1);
  if (!latest) return [];
  return [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `${latest.from}: `, weight: 'Bolder' }, { type: 'TextRun', text: latest.text }] }];
}

/** The lobby's line and its colour, or null when the card has none. */
function lobbyState({ visit, lobby }: VisitCardView): { text: string; color: string } | null {
  if (!lobby) return null;
  if (visit.status === 'completed') {
    // The visit's length: from admission to its end.
    const { admittedAt } = lobby.session;
    const done = admittedAt && visit.endedAt ? `Done · ${waitLabel(admittedAt, visit.endedAt)}` : 'Done · the patient was not admitted';
    // The patient's rating only: their comment is for My visits, not a card in a chat.
    return { text: typeof lobby.rating === 'number' ? `${done} · Rated ${lobby.rating}/5` : done, color: 'Good' };
  }
  if (visit.status === 'no_show') {
    const { checkedInAt, admittedAt } = lobby.session;
    return checkedInAt && !admittedAt ? { text: `${shortName(visit.patient)} checked in at ${viewerClock(checkedInAt)} · marked as a no-show`, color: 'Warning' } : null;
  }
  if (!LOBBY_STATUSES.includes(visit.status)) return null;
  const waiting = waitingOf(lobby.people);
  if (waiting.length > 0 && lobby.people && lobby.people.length > 1) {
    const label = waitingLabel(shortName(visit.patient), lobby.people.map(personTimes));
    const first = Math.min(...waiting.map((person) => person.session.checkedInAt?.getTime() ?? lobby.now.getTime()));
    return { text: `${label} · ${waitLabel(new Date(first), lobby.now)}`, color: 'Accent' };
  }
  const text = lobbyLine(visit.patient, lobby.session, lobby.now);
  return text ? { text, color: visit.status === 'waiting' ? 'Accent' : 'Good' } : null;
}

/** Why the clinicians' own alert did not arrive, and what to do: this card is where they learn the patient waits. */
export function alertFailureText(visit: Visit, failure: AlertFailure): string {
  const who = visit.clinicians.map((clinician) => clinician.name).join(', ');
  const why: Record<AlertFailure, string> = {
    'no-clinician': 'No clinician of this visit has a Teams account Rounds can alert.',
    'not-installed': `${who} could not be alerted in a 1:1 chat: they have not added Rounds in Teams.`,
    'unknown-user': `${who} could not be alerted in a 1:1 chat: Teams could not open a chat with them here.`,
    refused: `${who} could not be alerted in a 1:1 chat: Teams refused the message.`,
    'no-answer': `${who} could not be alerted in a 1:1 chat: Teams did not answer after several tries.`,
  };
  return `${why[failure]} Admit the patient from this card.`;
}

function liveActions(view: VisitCardView, viewers: readonly string[]): Element[] {
  const { visit } = view;
  const data = { visitId: visit.id, viewers, timeZone: view.timeZone };
  const actions: Element[] = [];
  const waiting = waitingOf(view.lobby?.people);
  if (waiting.length > 1) actions.push(execute(`Admit everyone (${waiting.length})`, 'visit.admit', { ...data, card: 'visit', who: 'everyone' }, 'positive'));
  else if (waiting[0]) actions.push(execute('Admit', 'visit.admit', { ...data, card: 'visit', who: waiting[0].participant }, 'positive'));
  else if (visit.status === 'waiting' && !view.lobby?.people && !view.lobby?.session.admittedAt) actions.push(execute('Admit', 'visit.admit', { ...data, card: 'visit' }, 'positive'));
  if (visit.status === 'waiting' || visit.status === 'in_visit') {
    actions.push(
      showCard('End visit', [{ type: 'TextBlock', text: "End this visit? The meeting closes and the patient's link says the visit is over.", wrap: true }], [
        execute('Yes, end the visit', 'visit.end', { ...data, card: 'visit' }, 'destructive'),
      ]),
    );
  }
  if (visit.meeting) actions.push({ type: 'Action.OpenUrl', title: 'Join', url: visit.meeting.clinicianJoinUrl });
  if (view.patientLink) actions.push(showCard('Copy patient link', [note('Teams cards cannot copy for you: select the link and copy it.'), { type: 'TextBlock', text: view.patientLink, wrap: true, fontType: 'Monospace' }], []));
  actions.push(rescheduleAction(view, data));
  actions.push(
    showCard('Cancel visit', [{ type: 'TextBlock', text: 'Cancel this visit? The patient is told and their link stops working.', wrap: true }], [
      execute('Yes, cancel the visit', 'visit.cancel', data, 'destructive'),
    ]),
  );
  // Once the patient is here the invitation has done its work; leaving it off keeps the card at six buttons (Teams shows six).
  if (visit.notify.length > 0 && !LOBBY_STATUSES.includes(visit.status)) actions.push(execute('Resend invite', 'visit.resend', data));
  // Only a patient who never checked in (status still scheduled) is a no-show, once the visit's time has come.
  if (visit.status === 'scheduled' && view.now && view.now >= visit.start) {
    actions.push(
      showCard('Mark no-show', [{ type: 'TextBlock', text: "Mark this visit as a no-show? The patient's link stops working.", wrap: true }], [
        execute('Yes, mark as no-show', 'visit.no-show', { ...data, card: 'visit' }, 'destructive'),
      ]),
    );
  }
  return actions;
}

/** Everyone checked in and not admitted yet; none when the card was built without everyone's sessions. */
function waitingOf(people: readonly LobbyPerson[] | undefined): LobbyPerson[] {
  return (people ?? []).filter((person) => person.session.checkedInAt && !person.session.admittedAt);
}

const personTimes = (person: LobbyPerson) => ({
  participant: person.participant,
  checkedInAt: person.session.checkedInAt?.toISOString() ?? null,
  admittedAt: person.session.admittedAt?.toISOString() ?? null,
});

const guestLabel = (guest: Visit['guests'][number]): string => {
  const about = [guest.relationship, guest.language].filter(Boolean).join(', ');
  return about ? `${guest.name} (${about})` : guest.name;
};

/**
 * With several people waiting, a button per person (Admit everyone is among the card's actions), and
 * for a live visit with guests, "Let them in when I'm ready" (the card's six actions are taken).
 */
function admitEachSet(view: VisitCardView): Element[] {
  const { visit } = view;
  if (!isLive(visit) || visit.guests.length === 0) return [];
  const viewers = [...new Set(view.viewerIds)].slice(0, MAX_REFRESH_USERS);
  const data = { visitId: visit.id, viewers, timeZone: view.timeZone };
  const waiting = waitingOf(view.lobby?.people);
  const each = waiting.length > 1 ? waiting.map((person) => execute(`Admit ${person.name}`, 'visit.admit', { ...data, card: 'visit', who: person.participant })) : [];
  const on = visit.admitWhenClinicianJoins;
  const toggle = execute(on ? "Let them in when I'm ready: on (turn off)" : "Let them in when I'm ready: off (turn on)", 'visit.admit-when-ready', { ...data, on: !on });
  return [{ type: 'ActionSet', actions: [...each, toggle] }];
}

function rescheduleAction(view: VisitCardView, data: Record<string, unknown>): Element {
  const at = wallClockOf(view.visit.start, view.timeZone);
  return showCard(
    'Reschedule',
    [
      { type: 'Input.Date', id: 'rescheduleDate', label: 'New date', isRequired: true, errorMessage: 'Choose a date.', value: at.date },
      { type: 'Input.Time', id: 'rescheduleTime', label: `New time (${view.timeZone})`, isRequired: true, errorMessage: 'Choose a time.', value: at.time },
      { type: 'Input.Number', id: 'rescheduleDuration', label: 'Duration (minutes)', min: 5, max: 480, value: view.visit.durationMinutes },
    ],
    [execute('Move the visit', 'visit.reschedule', data, 'positive')],
  );
}

const showCard = (title: string, body: Element[], actions: Element[]): Element => ({
  type: 'Action.ShowCard',
  title,
  card: { type: 'AdaptiveCard', body, ...(actions.length > 0 ? { actions } : {}) },
});
