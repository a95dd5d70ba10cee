import type { Migration } from './index';

export const patientLists: Migration = {
  id: '0002-patient-lists',
  sql: `
    -- A channel's own EHR connection (SMART backend services). The secret is AES-256-GCM ciphertext.
    ALTER TABLE channel_settings
      ADD COLUMN ehr_name text,
      ADD COLUMN ehr_base_url text,
      ADD COLUMN ehr_client_id text,
      ADD COLUMN ehr_client_secret_enc text;

    CREATE TABLE rounding_lists (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id   text NOT NULL,
      team_id     text NOT NULL,
      channel_id  text NOT NULL,
      name        text NOT NULL,
      is_default  boolean NOT NULL DEFAULT false,
      columns     jsonb NOT NULL,
      created_by  text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX rounding_lists_channel ON rounding_lists (tenant_id, team_id, channel_id);
    -- At most one default list per channel.
    CREATE UNIQUE INDEX rounding_lists_one_default ON rounding_lists (tenant_id, team_id, channel_id) WHERE is_default;

    CREATE TABLE list_entries (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      list_id     uuid NOT NULL REFERENCES rounding_lists (id) ON DELETE CASCADE,
      source      text NOT NULL CHECK (source IN ('ehr', 'manual')),
      -- EHR entries: the FHIR logical id. Manual entries: null, with the hand-entered fields in manual.
      patient_id  text,
      manual      jsonb,
      -- EHR entries: the banner (name, MRN, DOB) as read when added, shown while the EHR is unreachable.
      snapshot    jsonb,
      added_by    text NOT NULL,
      added_at    timestamptz NOT NULL DEFAULT now(),
      CHECK ((source = 'ehr' AND patient_id IS NOT NULL) OR (source = 'manual' AND manual IS NOT NULL))
    );
    CREATE UNIQUE INDEX list_entries_one_per_patient ON list_entries (list_id, patient_id) WHERE patient_id IS NOT NULL;

    CREATE TABLE list_notes (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entry_id     uuid NOT NULL REFERENCES list_entries (id) ON DELETE CASCADE,
      text         text NOT NULL,
      author_id    text NOT NULL,
      author_name  text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX list_notes_entry ON list_notes (entry_id, created_at DESC);

    -- Every read or change of patient data through the API (HIPAA-style access log).
    CREATE TABLE audit_log (
      id          bigserial PRIMARY KEY,
      at          timestamptz NOT NULL DEFAULT now(),
      tenant_id   text NOT NULL,
      team_id     text,
      channel_id  text,
      user_id     text NOT NULL,
      action      text NOT NULL,
      list_id     text,
      patient_ref text,
      detail      jsonb
    );
    CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at DESC);
  `,
};
