import type { Migration } from './index';

export const webhooks: Migration = {
  id: '0006-webhooks',
  sql: `
    -- How far the outbound webhook has got through visit_events (the outbox it delivers from).
    -- One row; a lease (locked_until) lets one instance at a time deliver, in order.
    CREATE TABLE webhook_cursor (
      id            integer PRIMARY KEY CHECK (id = 1),
      last_event_id bigint NOT NULL,
      attempts      integer NOT NULL DEFAULT 0,
      next_try_at   timestamptz NOT NULL DEFAULT now(),
      locked_until  timestamptz,
      last_error    text
    );
  `,
};
