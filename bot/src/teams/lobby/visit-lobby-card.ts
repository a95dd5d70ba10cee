/**
 * The lobby card: sent to a visit's clinicians in their chat with Rounds when the patient checks in
 * (and again while nobody admits them), and to the visit's channel after that. It names the patient
 * by short name only ("Jane D.") and says how their devices did and how long they have waited; its
 * actions admit, message the patient and mark a no-show. Its preview text carries initials and a
 * time only, because previews show on lock screens. It offers no "Mark no-show": a patient who
 * checked in came (the visit card ends their visit).
 */
import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { LobbySession } from '../../domain/lobby/lobby-types';
import type { Visit } from '../../domain/visits/visit-types';
import { attention, card, execute, heading, note, paragraph, viewerClock } from '../card-parts';
import { MAX_REFRESH_USERS } from '../visits/visit-card';
import { deviceSummary, initials, isLive, lobbyLine, shortName, visitTimeFacts, waitLabel } from '../visits/visit-card-parts';

/** Why the card goes out: the patient arrived, still waits, waits long enough to tell the channel; or a refresh. */
export type LobbyOccasion = 'arrived' | 'still-waiting' | 'channel' | 'current';

export interface LobbyCardView {
  visit: Visit;
  session: LobbySession;
  now: Date;
  /** Teams user ids of the clinicians where known, for automatic refresh. */
  viewerIds: readonly string[];
  occasion: LobbyOccasion;
  notice?: string;
  error?: string;
}

export const LOBBY_CARD_REFRESH_VERB = 'visit.lobby-card';
export const QUICK_MESSAGES = ['Running about 10 minutes late', "I'll be with you shortly"] as const;

type Element = Record<string, unknown>;

const HEADINGS: Record<LobbyOccasion, string> = {
  arrived: 'Your patient is here',
  'still-waiting': 'Your patient is still waiting',
  channel: 'A patient is still waiting',
  current: 'Waiting room',
};

export function lobbyCard(view: LobbyCardView): AdaptiveCard {
  const { visit, session } = view;
  const viewers = [...new Set(view.viewerIds)].slice(0, MAX_REFRESH_USERS);
  const waiting = isWaiting(visit, session);
  const preview = lobbyPreview(view);
  const body: Element[] = [
    heading(waiting ? HEADINGS[view.occasion] : 'Waiting room'),
    ...(view.error ? [attention(view.error)] : []),
    ...(view.notice ? [note(view.notice)] : []),
    { type: 'TextBlock', text: stateLine(view), weight: 'Bolder', wrap: true, color: session.admittedAt ? 'Good' : waiting ? 'Accent' : 'Default' },
    ...(waiting && view.occasion === 'channel' ? [paragraph('Nobody has admitted them yet. Any clinician of the visit or member of the care team can admit them.')] : []),
    {
      type: 'FactSet',
      facts: [
        ...visitTimeFacts(visit, 'Visit'),
        { title: 'Clinicians', value: visit.clinicians.map((clinician) => clinician.name).join(', ') || 'None named' },
      ],
    },
    ...messagesSent(session),
  ];
  // Admit lets in whoever this card is about: the patient, or the guest who arrived first.
  const data = { visitId: visit.id, viewers, card: 'lobby', who: session.participant };
  return {
    ...card(body),
    fallbackText: preview,
    refresh: {
      action: { type: 'Action.Execute', verb: LOBBY_CARD_REFRESH_VERB, data: { visitId: visit.id, viewers } },
      ...(viewers.length > 0 ? { userIds: viewers } : {}),
    },
    actions: [...(waiting ? waitingActions(data) : []), ...(visit.meeting && isLive(visit) ? [{ type: 'Action.OpenUrl', title: 'Join the visit', url: visit.meeting.clinicianJoinUrl }] : [])],
  };
}

/** What a notification shows before the card is opened: initials and minutes, nothing clinical. */
export function lobbyPreview(view: Pick<LobbyCardView, 'visit' | 'session' | 'now' | 'occasion'>): string {
  const who = initials(view.visit.patient);
  if (!isWaiting(view.visit, view.session) || !view.session.checkedInAt) return `Waiting room of ${who}`;
  const waited = waitLabel(view.session.checkedInAt, view.now);
  if (view.occasion === 'arrived' || view.occasion === 'current') return `${who} is waiting (${waited})`;
  return `${who} is still waiting (${waited})`;
}

/** The answer to someone who may not act on this visit: says why, and nothing about the visit. */
export function lobbyRefusedCard(message: string): AdaptiveCard {
  return card([heading('Not allowed'), paragraph(message)]);
}

const isWaiting = (visit: Visit, session: LobbySession): boolean => visit.status === 'waiting' && session.checkedInAt !== null && session.admittedAt === null;

function stateLine({ visit, session, now }: LobbyCardView): string {
  const guest = visit.guests.find((candidate) => `guest:${candidate.id}` === session.participant);
  const who = guest ? `${shortName({ name: guest.name, givenName: null })} (guest of ${shortName(visit.patient)})` : shortName(visit.patient);
  if (visit.status === 'cancelled') return 'This visit was cancelled.';
  if (visit.status === 'no_show') return `${who}: marked as a no-show.`;
  if (visit.status === 'completed') return 'This visit has ended.';
  if (session.admittedAt) return lobbyLine(visit.patient, session, now) ?? `${who} was admitted.`;
  if (isWaiting(visit, session) && session.checkedInAt) return `${who} is waiting · ${deviceSummary(session.deviceCheck)} · ${waitLabel(session.checkedInAt, now)}`;
  return `${who} is not in the waiting room.`;
}

function messagesSent(session: LobbySession): Element[] {
  if (session.messages.length === 0) return [];
  return [
    note('Messages to the patient:'),
    ...session.messages.slice(-3).map((message) => ({ type: 'TextBlock', text: `${viewerClock(message.at)} ${message.from}: ${message.text}`, wrap: true, size: 'Small', spacing: 'None' })),
  ];
}

function waitingActions(data: Record<string, unknown>): Element[] {
  return [
    execute('Admit', 'visit.admit', data, 'positive'),
    showCard(
      'Message patient',
      [
        note('The patient sees this in their waiting room.'),
        { type: 'Input.Text', id: 'message', label: 'Message', placeholder: 'Write a short message', maxLength: 300, isMultiline: true },
      ],
      [execute('Send', 'visit.message', data), ...QUICK_MESSAGES.map((text) => execute(text, 'visit.message', { ...data, quick: text }))],
    ),
  ];
}

const showCard = (title: string, body: Element[], actions: Element[]): Element => ({ type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions } });
