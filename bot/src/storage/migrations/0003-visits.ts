import type { Migration } from './index';

export const visits: Migration = {
  id: '0003-visits',
  sql: `
    CREATE TABLE visits (
      id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id        text NOT NULL,
      -- Set when the caller sent one: the same key again answers with this visit.
      idempotency_key  text,
      patient          jsonb NOT NULL,
      start_at         timestamptz NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
      clinicians       jsonb NOT NULL,
      reason           text,
      contact          jsonb NOT NULL,
      notify           jsonb NOT NULL,
      status           text NOT NULL CHECK (status IN ('pending', 'scheduled', 'waiting', 'in_visit', 'completed', 'no_show', 'cancelled')),
      meeting          jsonb,
      conversation_id  text,
      team_id          text,
      channel_id       text,
      announce_in      text,
      time_zone        text NOT NULL,
      created_by       jsonb NOT NULL,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      version          integer NOT NULL DEFAULT 1,
      schedule_version integer NOT NULL DEFAULT 1,
      cancelled_at     timestamptz
    );
    CREATE UNIQUE INDEX visits_idempotency ON visits (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE INDEX visits_tenant_start ON visits (tenant_id, start_at);
    CREATE INDEX visits_channel_start ON visits (tenant_id, team_id, channel_id, start_at);

    -- One row per clinician of a visit, keyed as clinicianKey() does, for the overlap rule and "my visits".
    CREATE TABLE visit_clinicians (
      visit_id      uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      clinician_key text NOT NULL,
      PRIMARY KEY (visit_id, clinician_key)
    );
    CREATE INDEX visit_clinicians_key ON visit_clinicians (clinician_key);

    -- Cards the bot posted for a visit, updated in place when it changes.
    CREATE TABLE visit_cards (
      visit_id        uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      conversation_id text NOT NULL,
      activity_id     text NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (visit_id, conversation_id)
    );

    -- Work to do after a change commits (notifications, reminders, card updates). Claimed with
    -- FOR UPDATE SKIP LOCKED, so two service instances never run the same job at once.
    CREATE TABLE jobs (
      id           bigserial PRIMARY KEY,
      kind         text NOT NULL,
      payload      jsonb NOT NULL,
      dedupe_key   text NOT NULL UNIQUE,
      run_at       timestamptz NOT NULL,
      attempts     integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      done_at      timestamptz,
      failed_at    timestamptz,
      last_error   text,
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX jobs_due ON jobs (run_at) WHERE done_at IS NULL AND failed_at IS NULL;

    -- Every message to a patient, rendered. With no SMTP/SMS provider configured this is the outbox
    -- page; with one, the dispatcher delivers rows and records the result.
    CREATE TABLE outbox_messages (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id    text NOT NULL,
      visit_id     uuid REFERENCES visits (id) ON DELETE SET NULL,
      -- The job that wrote it: a job run twice writes once.
      source_key   text NOT NULL UNIQUE,
      channel      text NOT NULL CHECK (channel IN ('sms', 'email')),
      template     text NOT NULL,
      recipient    text NOT NULL,
      subject      text,
      body         text NOT NULL,
      html         text,
      ics          text,
      status       text NOT NULL CHECK (status IN ('stored', 'queued', 'sent', 'failed', 'suppressed')),
      attempts     integer NOT NULL DEFAULT 0,
      next_try_at  timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      provider_id  text,
      last_error   text,
      created_at   timestamptz NOT NULL DEFAULT now(),
      sent_at      timestamptz
    );
    CREATE INDEX outbox_due ON outbox_messages (next_try_at) WHERE status = 'queued';
    CREATE INDEX outbox_created ON outbox_messages (created_at DESC);

    -- Phone numbers that answered STOP (until START), in E.164.
    CREATE TABLE sms_opt_outs (
      phone      text PRIMARY KEY,
      opted_out_at timestamptz NOT NULL DEFAULT now()
    );

    -- Edited message templates; a template without a row uses the built-in text.
    CREATE TABLE notification_templates (
      tenant_id  text NOT NULL,
      key        text NOT NULL,
      subject    text,
      body       text NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, key)
    );
  `,
};
