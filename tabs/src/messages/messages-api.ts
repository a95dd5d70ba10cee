/**
 * The Patients tab's calls for clinician messages (contract: bot/src/contracts/messages-api.ts) and
 * for choosing their recipient: people search and the on-call roles with who is on duty now.
 */
import { z } from 'zod/v4';
import { messageDto, patientMessages } from '../../../bot/src/contracts/messages-api';
import type { MessageDto, MessageThreadDto, SendMessageInput } from '../../../bot/src/contracts/messages-api';
import { roleDto } from '../../../bot/src/contracts/roster-api';
import type { RoleDto } from '../../../bot/src/contracts/roster-api';
import type { ApiClient } from '../shared/api-client';

const rolesAnswer = z.object({ roles: z.array(roleDto) });
const seg = encodeURIComponent;

export function sendMessage(api: ApiClient, input: SendMessageInput): Promise<MessageDto> {
  return api.post('/api/clinician-messages', input, messageDto);
}

/** The patient's threads in the list's care team, newest first. */
export async function fetchPatientMessages(api: ApiClient, listId: string, entryId: string): Promise<MessageThreadDto[]> {
  return (await api.get(`/api/lists/${seg(listId)}/patients/${seg(entryId)}/messages`, patientMessages)).threads;
}

export function acknowledgeMessage(api: ApiClient, messageId: string): Promise<MessageDto> {
  return api.post(`/api/clinician-messages/${seg(messageId)}/acknowledge`, undefined, messageDto);
}

export function replyToMessage(api: ApiClient, messageId: string, text: string): Promise<MessageDto> {
  return api.post(`/api/clinician-messages/${seg(messageId)}/replies`, { text }, messageDto);
}

export async function fetchRoles(api: ApiClient): Promise<RoleDto[]> {
  return (await api.get('/api/roster/roles', rolesAnswer)).roles;
}
