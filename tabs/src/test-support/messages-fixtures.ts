/** Builders for clinician messages as the API answers them, so a test states only what it is about. */
import type { MessageDto, MessageThreadDto } from '../../../bot/src/contracts/messages-api';

export const rolesUrl = '/api/roster/roles';
export const threadsUrl = (listId: string, entryId: string) => `/api/lists/${listId}/patients/${entryId}/messages`;

export const me = { aadObjectId: 'dev-user', name: 'Dev Clinician' };
export const lee = { aadObjectId: 'lee', name: 'Dr Lee' };
export const kim = { aadObjectId: 'kim', name: 'Dr Kim' };

export function aMessage(overrides: Partial<MessageDto> = {}): MessageDto {
  return {
    id: 'm1',
    threadId: overrides.id ?? 'm1',
    inReplyTo: null,
    sender: me,
    recipient: lee,
    role: null,
    backup: null,
    priority: 'routine',
    patient: { ref: 'p1', source: 'ehr', name: 'Ada Lovelace', mrn: 'MRN001', location: 'Ward 7 West, Bed 3' },
    text: 'Troponin up, please review',
    sentAt: '2025-03-12T10:00:00Z',
    deliveredAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    undeliverable: null,
    events: [],
    canAcknowledge: false,
    canReply: true,
    ...overrides,
  };
}

export const aThread = (message: MessageDto, replies: MessageDto[] = []): MessageThreadDto => ({ message, replies });
