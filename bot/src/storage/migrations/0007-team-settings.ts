import type { Migration } from './index';

export const teamSettings: Migration = {
  id: '0007-team-settings',
  sql: `
    -- Per-team settings: the care-coordination channel, where the cards of the team's visits are posted.
    CREATE TABLE team_settings (
      tenant_id                    text NOT NULL,
      team_id                      text NOT NULL,
      coordination_channel_id      text,
      coordination_conversation_id text,
      updated_at                   timestamptz NOT NULL DEFAULT now(),
      updated_by                   jsonb NOT NULL,
      PRIMARY KEY (tenant_id, team_id),
      CHECK ((coordination_channel_id IS NULL) = (coordination_conversation_id IS NULL))
    );

    -- Every visit card reads how its patient was told: the newest outbox message per channel.
    CREATE INDEX outbox_visit ON outbox_messages (visit_id, channel, created_at DESC) WHERE visit_id IS NOT NULL;
  `,
};
