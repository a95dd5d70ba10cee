/**
 * Schema migrations, applied in order, each once, each in its own transaction.
 * Append new ones; never edit one that has shipped. SQL stays within PostgreSQL 15 (PGlite runs 18).
 */
import { initial } from './0001-initial';
import { patientLists } from './0002-patient-lists';
import { visits } from './0003-visits';
import { lobby } from './0004-lobby';
import { webhooks } from './0006-webhooks';
import { rooms } from './0005-rooms';
import { teamSettings } from './0007-team-settings';
import { messages } from './0008-messages';
import { visitEnd } from './0009-visit-end';
import { fhirSigningKeys } from './0010-fhir-signing-keys';
import { visitGuests } from './0011-visit-guests';
import { smsReplies } from './0012-sms-replies';
import { visitFeedback } from './0013-visit-feedback';
import { visitQueueNotify } from './0014-visit-queue-notify';
import { visitTypes } from './0015-visit-types';

export interface Migration {
  id: string;
  sql: string;
}

export const migrations: readonly Migration[] = [initial, patientLists, visits, lobby, rooms, webhooks, teamSettings, messages, visitEnd, fhirSigningKeys, visitGuests, smsReplies, visitFeedback, visitQueueNotify, visitTypes];
