import type { Migration } from './index';

export const visitGuests: Migration = {
  id: '0011-visit-guests',
  sql: `
    -- The people a patient brings to a visit (family, carer, interpreter), read and written with the visit:
    -- [{id, name, relationship, language, phone, email}].
    ALTER TABLE visits ADD COLUMN guests jsonb NOT NULL DEFAULT '[]';
    -- "Let them in when I'm ready": a clinician entering the room admits everyone checked in.
    ALTER TABLE visits ADD COLUMN admit_when_clinician_joins boolean NOT NULL DEFAULT false;

    -- One lobby session per participant: 'patient' or 'guest:<id>'.
    ALTER TABLE lobby_sessions ADD COLUMN participant text NOT NULL DEFAULT 'patient';
    ALTER TABLE lobby_sessions DROP CONSTRAINT lobby_sessions_pkey;
    ALTER TABLE lobby_sessions ADD PRIMARY KEY (visit_id, schedule_version, participant);

    -- Guests are in the built-in rooms too, as themselves.
    ALTER TABLE room_peers DROP CONSTRAINT room_peers_role_check;
    ALTER TABLE room_peers ADD CONSTRAINT room_peers_role_check CHECK (role IN ('patient', 'guest', 'clinician'));
  `,
};
