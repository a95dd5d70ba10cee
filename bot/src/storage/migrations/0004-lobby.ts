import type { Migration } from './index';

export const lobby: Migration = {
  id: '0004-lobby',
  sql: `
    -- A patient's place in a visit's lobby, per schedule version (a reschedule starts afresh).
    CREATE TABLE lobby_sessions (
      visit_id              uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      schedule_version      integer NOT NULL,
      identified_at         timestamptz,
      device_check          jsonb,
      checked_in_at         timestamptz,
      clinician_notified_at timestamptz,
      admitted_at           timestamptz,
      admitted_by           jsonb,
      messages              jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (visit_id, schedule_version)
    );

    -- What happened to a visit, in order: the timeline clinicians see and webhooks relay.
    CREATE TABLE visit_events (
      id        bigserial PRIMARY KEY,
      visit_id  uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      kind      text NOT NULL,
      at        timestamptz NOT NULL DEFAULT now(),
      actor     text NOT NULL,
      detail    jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX visit_events_visit ON visit_events (visit_id, id);
  `,
};
