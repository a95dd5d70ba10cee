import type { Migration } from './index';

export const visitTypes: Migration = {
  id: '0015-visit-types',
  sql: `
    -- The organisation's visit types. Built-in types (video, family-call, follow-up) live in code; a
    -- row with their key holds the administrator's changes to them, any other row is a type of its own.
    CREATE TABLE visit_types (
      tenant_id                text NOT NULL,
      key                      text NOT NULL,
      name                     text NOT NULL,
      default_duration_minutes integer NOT NULL CHECK (default_duration_minutes BETWEEN 5 AND 480),
      telehealth               boolean NOT NULL,
      send_sms                 boolean NOT NULL,
      send_email               boolean NOT NULL,
      updated_by               text NOT NULL,
      updated_at               timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, key)
    );

    -- Which type a visit was booked as, and the Patients list entry it was scheduled from (if any),
    -- so the patient's row can show the visit's bedside link.
    ALTER TABLE visits ADD COLUMN visit_type text;
    ALTER TABLE visits ADD COLUMN list_entry_id uuid;
    CREATE INDEX visits_list_entry ON visits (list_entry_id) WHERE list_entry_id IS NOT NULL;
  `,
};
