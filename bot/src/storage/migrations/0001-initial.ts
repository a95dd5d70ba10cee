import type { Migration } from './index';

export const initial: Migration = {
  id: '0001-initial',
  sql: `
    -- Bot turn state (teams-ai conversation/user/temp state) behind botbuilder's Storage interface.
    CREATE TABLE bot_state (
      key        text PRIMARY KEY,
      value      jsonb NOT NULL,
      etag       text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every team channel, group chat and personal chat the bot is installed in, for proactive posts.
    CREATE TABLE installations (
      conversation_id text PRIMARY KEY,
      tenant_id       text NOT NULL,
      scope           text NOT NULL CHECK (scope IN ('team', 'groupChat', 'personal')),
      team_id         text,
      channel_id      text,
      reference       jsonb NOT NULL,
      installed_at    timestamptz NOT NULL DEFAULT now(),
      removed_at      timestamptz,
      updated_at      timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX installations_tenant_team ON installations (tenant_id, team_id);

    -- Per-channel settings of the Patients tab.
    CREATE TABLE channel_settings (
      tenant_id     text NOT NULL,
      team_id       text NOT NULL,
      channel_id    text NOT NULL,
      patients_mode text CHECK (patients_mode IN ('ehr', 'manual')),
      updated_at    timestamptz NOT NULL DEFAULT now(),
      updated_by    text NOT NULL,
      PRIMARY KEY (tenant_id, team_id, channel_id)
    );
  `,
};
