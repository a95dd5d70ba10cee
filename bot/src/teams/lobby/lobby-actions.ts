/**
 * What the lobby's buttons do, on the lobby card and on the visit card: admit, message the patient,
 * mark a no-show, end the visit, and the refresh of either card while the lobby matters. Each answers with the card
 * it was clicked on, brought up to date; someone who may not act on the visit gets a card saying so
 * and learns nothing about it.
 */
import { z } from 'zod/v4';
import { AppError } from '../../domain/shared/app-error';
import type { LobbyService } from '../../domain/lobby/lobby-service';
import type { LobbySession } from '../../domain/lobby/lobby-types';
import type { VisitDeliveries } from '../../domain/notifications/notification-types';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit } from '../../domain/visits/visit-types';
import { viewerClock } from '../card-parts';
import { lobbyCard, lobbyRefusedCard } from './visit-lobby-card';
import { cardText, readCardData, visitActionFields } from '../visits/card-data';
import type { CardReply } from '../card-reply';
import type { TurnFacts } from '../visits/turn-facts';
import { currentVisitCard } from '../visits/visit-card-view';

const lobbyActionSchema = z.object({
  ...visitActionFields,
  /** The card the button is on. */
  card: z.enum(['lobby', 'visit']).default('lobby'),
  message: cardText,
  quick: cardText,
  /** Whom Admit lets in: 'patient' (an older card's default), a guest's participant id, or 'everyone'. */
  who: z
    .string()
    .regex(/^(?:patient|everyone|guest:[0-9a-f-]{36})$/)
    .default('patient'),
});

export type LobbyActionData = z.infer<typeof lobbyActionSchema>;
export type LobbyVerb = 'visit.admit' | 'visit.message' | 'visit.no-show' | 'visit.end' | 'visit.lobby-card' | 'visit.lobby-refresh';

export interface LobbyActionDeps {
  lobby: Pick<LobbyService, 'admit' | 'messagePatient' | 'markNoShow' | 'end' | 'sessionOf' | 'alertFailure' | 'people' | 'patientRating'>;
  visits: Pick<VisitService, 'get' | 'patientJoinUrl'>;
  /** How the patient was told, for the visit card's Invitation line. */
  deliveries: VisitDeliveries;
  now: () => Date;
}

export function readLobbyAction(data: unknown): LobbyActionData {
  return readCardData(lobbyActionSchema, data, 'Type "visits" to see your visits.');
}

/** The refresh verbs read the visit as anyone allowed to see it; the others act on it as the visit's clinician or team. */
export async function runLobbyAction(deps: LobbyActionDeps, facts: TurnFacts, verb: LobbyVerb, data: LobbyActionData): Promise<CardReply> {
  const actor = facts.principal.kind === 'user' ? facts.principal.actor : null;
  if (!actor) throw new AppError('unauthenticated', 'I could not tell who you are. Please use Rounds from Microsoft Teams.');
  const onVisitCard = verb === 'visit.lobby-refresh' || (verb !== 'visit.lobby-card' && data.card === 'visit');
  // The visit card is built as everywhere else (currentVisitCard reads its lobby and how the patient was told); the lobby card from the session.
  const answer = async (visit: Visit, forAll: boolean, extra: { notice?: string; error?: string } = {}, known?: LobbySession): Promise<CardReply> => {
    if (onVisitCard) return { card: await currentVisitCard(deps, visit, { viewerIds: data.viewers, timeZone: facts.zoneKnown ? facts.timeZone : null, ...extra }), forAll };
    const session = known ?? (await deps.lobby.sessionOf(visit));
    return { card: lobbyCard({ visit, session, now: deps.now(), viewerIds: data.viewers, occasion: 'current', ...extra }), forAll };
  };
  const current = async (extra: { notice?: string; error?: string } = {}) => answer(await deps.visits.get(facts.principal, data.visitId), false, extra);
  try {
    switch (verb) {
      case 'visit.lobby-card':
      case 'visit.lobby-refresh':
        return await current();
      case 'visit.admit': {
        const { admitted, session, visit } = await deps.lobby.admit(actor, data.visitId, data.who);
        // Whoever sees the card sees who admitted; a second click also learns it was not theirs.
        const notice = admitted || !session.admittedAt ? {} : { notice: `Already admitted by ${session.admittedBy?.name ?? 'another clinician'} at ${viewerClock(session.admittedAt)}.` };
        return await answer(visit, true, notice, session);
      }
      case 'visit.message': {
        await deps.lobby.messagePatient(actor, data.visitId, data.quick || data.message);
        // The lobby card lists the messages sent, for everyone who sees it.
        return { ...(await current({ notice: 'Sent: the patient sees it in their waiting room.' })), forAll: data.card === 'lobby' };
      }
      case 'visit.no-show': {
        const visit = await deps.lobby.markNoShow(actor, data.visitId);
        return await answer(visit, true);
      }
      case 'visit.end':
        return await answer(await deps.lobby.end(actor, data.visitId), true);
    }
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    // A refused change (e.g. an empty message): the card as it is, with the reason, if the visit is theirs to see.
    try {
      return await current({ error: (error as AppError).userMessage });
    } catch (readError) {
      const refusedRead = refusal(readError);
      if (refusedRead) return refusedRead;
      throw readError;
    }
  }
}

/** Null for a refusal about the change itself; a "not allowed" card for one about the visit; rethrows the rest. */
function refusal(error: unknown): CardReply | null {
  if (!(error instanceof AppError) || error.code === 'internal') throw error;
  return ['forbidden', 'not_found', 'unauthenticated'].includes(error.code) ? { card: lobbyRefusedCard(error.userMessage), forAll: false } : null;
}
