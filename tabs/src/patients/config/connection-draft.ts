/**
 * The EHR connection part of the config form: which connection the channel uses, the fields of its
 * own one, and how they become the API's `connection` (null = the organisation's default).
 */
import type { EhrAuthMethodDto, EhrConnectionInput, EhrConnectionView } from '../../../../bot/src/contracts/api';
import type { ApiError } from '../../shared/api-error';
import { formErrors } from '../../shared/field-errors';

export type ConnectionChoice = 'default' | 'channel';

export interface ConnectionDraft {
  choice: ConnectionChoice;
  name: string;
  baseUrl: string;
  clientId: string;
  authMethod: EhrAuthMethodDto;
  /** Empty means "keep the stored secret" when the channel already has one. Unused with private_key_jwt. */
  clientSecret: string;
}

/** Whether the method sends a client secret (the other signs an assertion with Rounds' key). */
export const usesSecret = (method: EhrAuthMethodDto): boolean => method !== 'private_key_jwt';
export type ConnectionField = 'name' | 'baseUrl' | 'clientId' | 'clientSecret';
const CONNECTION_FIELDS: readonly ConnectionField[] = ['name', 'baseUrl', 'clientId', 'clientSecret'];

export function draftFrom(stored: EhrConnectionView | null): ConnectionDraft {
  // A connection saved before the choice existed used its secret, as Basic unless the EHR wanted post.
  return stored
    ? { choice: 'channel', name: stored.name, baseUrl: stored.baseUrl, clientId: stored.clientId, authMethod: stored.authMethod ?? 'client_secret_basic', clientSecret: '' }
    : { choice: 'default', name: '', baseUrl: '', clientId: '', authMethod: 'private_key_jwt', clientSecret: '' };
}

/** The `connection` to send: the secret only when typed, so an empty box keeps the stored one. */
export function connectionInput(draft: ConnectionDraft): EhrConnectionInput | null {
  if (draft.choice === 'default') return null;
  const input: EhrConnectionInput = { name: draft.name.trim(), baseUrl: draft.baseUrl.trim(), clientId: draft.clientId.trim(), authMethod: draft.authMethod };
  if (usesSecret(draft.authMethod) && draft.clientSecret !== '') input.clientSecret = draft.clientSecret;
  return input;
}

/** Enough to save: the default needs nothing; the channel's own needs every field, and a secret (typed or stored) for the secret methods. */
export function isDraftComplete(draft: ConnectionDraft, stored: EhrConnectionView | null): boolean {
  if (draft.choice === 'default') return true;
  const hasSecret = !usesSecret(draft.authMethod) || draft.clientSecret !== '' || Boolean(stored?.hasSecret);
  return draft.name.trim() !== '' && draft.baseUrl.trim() !== '' && draft.clientId.trim() !== '' && hasSecret;
}

/** The field an API error names, as "baseUrl" or "connection.baseUrl". */
export function connectionFieldOf(error: ApiError | undefined): ConnectionField | undefined {
  return formErrors(error, CONNECTION_FIELDS).field;
}
