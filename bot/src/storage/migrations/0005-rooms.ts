import type { Migration } from './index';

export const rooms: Migration = {
  id: '0005-rooms',
  sql: `
    -- Built-in video rooms: the room id is in visits.meeting; clinicians arrive with it alone.
    CREATE INDEX visits_builtin_room ON visits ((meeting->>'meetingId')) WHERE meeting->>'provider' = 'builtin';

    -- Who is in a room: one browser per row. A peer whose event stream dropped stays (it may come
    -- back with the same id); seen_at says how recently its stream was up.
    CREATE TABLE room_peers (
      room_id   text NOT NULL,
      peer_id   text NOT NULL,
      role      text NOT NULL CHECK (role IN ('patient', 'clinician')),
      -- Whose peer id this is ('patient', or 'clinician:<user id>'): nobody else may speak as it.
      owner     text NOT NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      seen_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (room_id, peer_id)
    );

    -- Signalling messages (offers, answers, ICE candidates, joins and leaves). NOTIFY carries only
    -- the row id: an SDP offer can exceed NOTIFY's 8000-byte payload, and a browser reconnecting its
    -- stream asks for what it missed since its last event id. Kept for minutes only.
    CREATE TABLE room_signals (
      id         bigserial PRIMARY KEY,
      room_id    text NOT NULL,
      from_peer  text NOT NULL,
      -- Null: for everyone in the room.
      to_peer    text,
      kind       text NOT NULL,
      payload    jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX room_signals_room ON room_signals (room_id, id);
    CREATE INDEX room_signals_created ON room_signals (created_at);
  `,
};
