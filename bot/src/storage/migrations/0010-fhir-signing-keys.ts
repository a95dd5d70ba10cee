import type { Migration } from './index';

export const fhirSigningKeys: Migration = {
  id: '0010-fhir-signing-keys',
  sql: `
    -- The key pairs Rounds signs SMART client assertions with, private halves sealed with SECRETS_KEY.
    -- One row per generation: two instances creating the first key (or rotating) at once insert the
    -- same generation, and ON CONFLICT keeps one.
    CREATE TABLE fhir_signing_keys (
      generation          integer PRIMARY KEY,
      kid                 text NOT NULL UNIQUE,
      alg                 text NOT NULL CHECK (alg IN ('RS384', 'ES384')),
      private_key_sealed  text NOT NULL,
      public_jwk          jsonb NOT NULL,
      published_at        timestamptz NOT NULL,
      activates_at        timestamptz NOT NULL,
      retires_at          timestamptz,
      CHECK (activates_at >= published_at)
    );

    -- Which client authentication a channel's own EHR connection uses; NULL: the method the EHR prefers.
    ALTER TABLE channel_settings ADD COLUMN ehr_auth_method text
      CHECK (ehr_auth_method IN ('private_key_jwt', 'client_secret_basic', 'client_secret_post'));
  `,
};
