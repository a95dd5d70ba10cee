import type { Migration } from './index';

export const visitFeedback: Migration = {
  id: '0013-visit-feedback',
  sql: `
    -- A patient's (or a guest's) rating of a completed visit, once per link. The comment lives only
    -- here: the timeline (and so the webhook) carries the rating alone.
    CREATE TABLE visit_feedback (
      visit_id    uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
      participant text NOT NULL,
      rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
      comment     text,
      given_at    timestamptz NOT NULL,
      PRIMARY KEY (visit_id, participant)
    );
  `,
};
