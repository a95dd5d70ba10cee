import type { Migration } from './index';

export const messages: Migration = {
  id: '0008-messages',
  sql: `
    -- Doctor-to-doctor messages. Patient banner and text are kept only for the retention period.
    CREATE TABLE clinician_messages (
      id               uuid PRIMARY KEY,
      tenant_id        text NOT NULL,
      thread_id        uuid NOT NULL,
      in_reply_to      uuid,
      idempotency_key  text,
      sender           jsonb NOT NULL,
      recipient        jsonb NOT NULL,
      role             text,
      backup           jsonb,
      priority         text NOT NULL CHECK (priority IN ('routine', 'urgent', 'stat')),
      patient          jsonb,
      patient_ref      text,
      text             text NOT NULL,
      team_id          text,
      channel_id       text,
      sent_at          timestamptz NOT NULL,
      delivered_at     timestamptz,
      acknowledged_at  timestamptz,
      acknowledged_by  jsonb,
      undeliverable    text,
      events           jsonb NOT NULL DEFAULT '[]',
      version          integer NOT NULL DEFAULT 1,
      CHECK ((team_id IS NULL) = (channel_id IS NULL))
    );
    CREATE UNIQUE INDEX clinician_messages_idempotency ON clinician_messages (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE INDEX clinician_messages_thread ON clinician_messages (thread_id, sent_at);
    CREATE INDEX clinician_messages_patient ON clinician_messages (tenant_id, team_id, channel_id, patient_ref, sent_at) WHERE patient_ref IS NOT NULL;
    CREATE INDEX clinician_messages_sent ON clinician_messages (sent_at);

    -- Cards posted for a message (sender's, recipient's, backup's, channel's), updated in place.
    CREATE TABLE clinician_message_cards (
      message_id      uuid NOT NULL REFERENCES clinician_messages (id) ON DELETE CASCADE,
      audience        text NOT NULL CHECK (audience IN ('sender', 'recipient', 'backup', 'channel')),
      conversation_id text NOT NULL,
      activity_id     text NOT NULL,
      PRIMARY KEY (message_id, conversation_id, activity_id)
    );

    -- The on-call roster: who answers for a role between two times, and their backup.
    CREATE TABLE on_call_shifts (
      id          uuid PRIMARY KEY,
      tenant_id   text NOT NULL,
      role        text NOT NULL,
      role_key    text NOT NULL,
      person      jsonb NOT NULL,
      backup      jsonb,
      starts_at   timestamptz NOT NULL,
      ends_at     timestamptz NOT NULL,
      updated_by  jsonb NOT NULL,
      updated_at  timestamptz NOT NULL,
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX on_call_shifts_role ON on_call_shifts (tenant_id, role_key, starts_at);
    CREATE INDEX on_call_shifts_time ON on_call_shifts (tenant_id, starts_at, ends_at);
  `,
};
