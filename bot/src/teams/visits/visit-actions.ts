/** What the buttons of a visit card do: refresh, reschedule, cancel, resend the invitation, "let them in when I'm ready". */
import { z } from 'zod/v4';
import { AppError } from '../../domain/shared/app-error';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit } from '../../domain/visits/visit-types';
import { isValidTimeZone } from '../../domain/visits/zoned-time';
import { cardText, readCardData, visitActionFields } from './card-data';
import type { CardReply } from '../card-reply';
import type { TurnFacts } from './turn-facts';
import { currentVisitCard, type VisitCardSources } from './visit-card-view';
import { durationOf, startOf } from './visit-form';

const actionSchema = z.object({
  ...visitActionFields,
  timeZone: z.string().max(100).optional(),
  rescheduleDate: cardText,
  rescheduleTime: cardText,
  rescheduleDuration: cardText,
  /** "Let them in when I'm ready" switched to this. */
  on: z.boolean().optional(),
});

type ActionData = z.infer<typeof actionSchema>;
/** The visit service acts; the other sources make the answer the visit's current card. */
export type VisitActionDeps = Omit<VisitCardSources, 'visits'> & { visits: VisitService };
export type VisitVerb = 'visit.refresh' | 'visit.reschedule' | 'visit.cancel' | 'visit.resend' | 'visit.admit-when-ready';

export function readAction(data: unknown): ActionData {
  return readCardData(actionSchema, data, 'Type "visits" to see your visits.');
}

/**
 * Runs a visit card's action. A refused change comes back as the visit's card with the reason on it;
 * a visit the user may not read throws (the caller answers the invoke with an error).
 */
export async function runVisitAction(deps: VisitActionDeps, facts: TurnFacts, verb: VisitVerb, data: ActionData): Promise<CardReply> {
  const { visits } = deps;
  const viewerZone = facts.zoneKnown ? facts.timeZone : null;
  const view = (visit: Visit, extra: { notice?: string; error?: string } = {}) => currentVisitCard(deps, visit, { viewerIds: data.viewers, timeZone: viewerZone, ...extra });
  try {
    switch (verb) {
      case 'visit.refresh':
        return { card: await view(await visits.get(facts.principal, data.visitId)), forAll: false };
      case 'visit.reschedule': {
        const moved = await visits.reschedule(facts.principal, data.visitId, rescheduleOf(data, viewerZone));
        return { card: await view(moved, { notice: 'Visit moved. The patient is told the new time.' }), forAll: true };
      }
      case 'visit.cancel':
        return { card: await view(await visits.cancel(facts.principal, data.visitId)), forAll: true };
      case 'visit.resend':
        return { card: await view(await visits.resendInvite(facts.principal, data.visitId), { notice: 'Invitation sent again.' }), forAll: false };
      case 'visit.admit-when-ready': {
        const changed = await visits.setAdmitWhenClinicianJoins(facts.principal, data.visitId, data.on ?? false);
        const notice = changed.admitWhenClinicianJoins ? 'Everyone checked in is let in when a clinician of the visit enters the room.' : 'Each person waits for Admit.';
        return { card: await view(changed, { notice }), forAll: true };
      }
    }
  } catch (error) {
    if (!(error instanceof AppError) || ['internal', 'forbidden', 'not_found', 'unauthenticated'].includes(error.code)) throw error;
    // The visit is readable (the refusal is about the change): show it as it is, with the reason.
    return { card: await view(await visits.get(facts.principal, data.visitId), { error: error.userMessage }), forAll: false };
  }
}

function rescheduleOf(data: ActionData, viewerZone: string | null): { start: Date; durationMinutes: number | undefined } {
  // The inputs were filled in the zone the card named; read them back in that zone.
  const timeZone = data.timeZone && isValidTimeZone(data.timeZone) ? data.timeZone : (viewerZone ?? 'UTC');
  const start = startOf({ date: data.rescheduleDate, time: data.rescheduleTime, timeZone });
  return { start, durationMinutes: data.rescheduleDuration ? durationOf({ durationMinutes: data.rescheduleDuration }) : undefined };
}
