import type { Migration } from './index';

export const smsReplies: Migration = {
  id: '0012-sms-replies',
  sql: `
    -- When Rounds last answered a patient's SMS reply, per number, visit ('' for none) and kind of
    -- answer: at most one answer of a kind a day, so an auto-responder on the other side cannot loop.
    CREATE TABLE sms_reply_answers (
      phone       text NOT NULL,
      visit_key   text NOT NULL,
      kind        text NOT NULL,
      answered_at timestamptz NOT NULL,
      PRIMARY KEY (phone, visit_key, kind)
    );
    -- The next visit of a number that replied is found by the patient's phone.
    CREATE INDEX visits_contact_phone ON visits ((regexp_replace(contact->>'phone', '[\\s().-]', '', 'g')), start_at);
  `,
};
