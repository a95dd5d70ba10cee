/**
 * Reads "message Dr Lee about Jane Doe: K+ 6.1 this morning, please review" (and "urgent message …",
 * "stat message …"). Anything it cannot read fully opens the form with what it could.
 */
import type { Priority } from '../../domain/messages/message-types';

export interface MessageRequest {
  priority: Priority;
  /** A person's name or an on-call role, as typed. */
  to: string;
  /** The patient's name (or MRN), as typed; null when the message is not about a patient. */
  about: string | null;
  text: string;
}

export type ParsedMessageRequest = { kind: 'complete'; request: MessageRequest } | { kind: 'partial'; priority: Priority; draft: Partial<MessageRequest> };

const COMMAND = /^\s*(?:(urgent|stat|routine)\s+)?message\b\s*([\s\S]*)$/i;

/** Whether the text is a message command ("message …", "urgent message …", "stat message …"). */
export const isMessageCommand = (text: string | undefined): boolean => COMMAND.test(text ?? '');

export function parseMessageRequest(text: string): ParsedMessageRequest {
  const match = COMMAND.exec(text);
  const priority = ((match?.[1] ?? 'routine').toLowerCase() as Priority);
  const rest = (match?.[2] ?? '').trim();
  const colon = rest.indexOf(':');
  const head = (colon >= 0 ? rest.slice(0, colon) : rest).trim();
  const body = colon >= 0 ? rest.slice(colon + 1).trim() : '';
  const aboutAt = head.search(/\s+about\s+/i);
  const to = (aboutAt >= 0 ? head.slice(0, aboutAt) : head).replace(/^to\s+/i, '').trim();
  const about = aboutAt >= 0 ? head.slice(aboutAt).replace(/^\s+about\s+/i, '').trim() || null : null;
  if (to && body) return { kind: 'complete', request: { priority, to, about, text: body } };
  return { kind: 'partial', priority, draft: { ...(to ? { to } : {}), ...(about ? { about } : {}), ...(body ? { text: body } : {}) } };
}
