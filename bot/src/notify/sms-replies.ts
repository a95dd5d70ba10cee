/**
 * What a patient's reply to our SMS means, and what Rounds answers. Y/N confirm or ask to cancel the
 * number's next visit (a clinician confirms a cancellation: the patient's request never cancels by
 * itself); anything else gets one helpful answer. Every answer is rate-limited per number, visit and
 * kind in the database, so two auto-responders can never keep each other talking. Answers carry the
 * visit's time only, which the invitation already did.
 */
import type { OptOutStore, PatientReply, SmsReplyStore } from '../domain/notifications/notification-types';
import { zonedLabel } from '../domain/visits/zoned-time';

// Twilio's own opt-out and opt-in keywords, matched as Twilio does (the whole text): keeping the same
// lists keeps our record in step with its. CANCEL and YES are on them, so they also count as N and Y.
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);
const CONFIRM = new Set(['Y', 'YES', 'CONFIRM']);
const CANCEL = new Set(['N', 'NO', 'CANCEL']);

export type SmsReplyAction = 'opt_out' | 'opt_in' | PatientReply | 'unrecognised' | 'no_visit';

export interface SmsReplyDeps {
  replies: SmsReplyStore;
  optOuts: Pick<OptOutStore, 'optOut' | 'optIn' | 'isOptedOut'>;
  now: () => Date;
}

/** The reply's word: trimmed, upper case, punctuation around it ignored ("Yes!", "'n'"). */
function wordOf(body: string): string {
  return body.trim().toUpperCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

export const answers = {
  patient_confirmed: (when: string) => `Thank you, your visit on ${when} is confirmed.`,
  cancel_requested: (when: string) => `Thank you, we have told the clinic you want to cancel your visit on ${when}. The clinic will confirm.`,
  unrecognised: (when: string) => `Reply Y to confirm or N to cancel your visit on ${when}, or call the clinic.`,
  no_visit: 'We could not find an upcoming visit for this number. Please call the clinic.',
} as const;

/** Handles one reply; `answer` is the text to send back, or null for none. */
export async function handleSmsReply(deps: SmsReplyDeps, from: string, body: string): Promise<{ action: SmsReplyAction; answer: string | null }> {
  const keyword = body.trim().toUpperCase();
  const word = wordOf(body);
  const reply: PatientReply | null = CONFIRM.has(word) ? 'patient_confirmed' : CANCEL.has(word) ? 'cancel_requested' : null;
  let optAction: SmsReplyAction | null = null;
  if (OPT_OUT.has(keyword)) {
    await deps.optOuts.optOut(from);
    optAction = 'opt_out';
  } else if (OPT_IN.has(keyword)) {
    await deps.optOuts.optIn(from);
    optAction = 'opt_in';
  }
  // STOP, START and the like: Twilio sends its own confirmation.
  if (optAction && !reply) return { action: optAction, answer: null };

  const now = deps.now();
  const visit = await deps.replies.nextVisitFor(from, now);
  // After a STOP (CANCEL is one) nothing of ours may reach the number.
  const mayAnswer = async (visitId: string | null, kind: SmsReplyAction) =>
    !(await deps.optOuts.isOptedOut(from)) && (await deps.replies.claimAnswer(from, visitId, kind, now));
  if (!visit) return { action: 'no_visit', answer: (await mayAnswer(null, 'no_visit')) ? answers.no_visit : null };
  if (reply) await deps.replies.record(visit, reply, now);
  const action = reply ?? 'unrecognised';
  return { action, answer: (await mayAnswer(visit.visitId, action)) ? answers[action](zonedLabel(visit.start, visit.timeZone)) : null };
}
