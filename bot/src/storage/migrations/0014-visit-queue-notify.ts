import type { Migration } from './index';

/**
 * The care team's queue (the Visits channel tab) follows every change to a team's visits and their
 * lobbies: a visit scheduled, checked in, admitted, messaged, ended, cancelled or moved, whoever made
 * it (a clinician, the patient, the bot, a job, the integration API) and on whichever instance.
 *
 * Triggers rather than calls in each store: NOTIFY is sent at commit (never for a rolled-back change)
 * and no writer of these tables can forget it. The payload names the visit and its team and channel
 * only (ids, no patient data); visits asked for outside a team have no queue and notify nothing.
 */
export const visitQueueNotify: Migration = {
  id: '0014-visit-queue-notify',
  sql: `
    CREATE FUNCTION rounds_notify_visit_queue(visit uuid) RETURNS void LANGUAGE sql AS $$
      SELECT pg_notify('rounds_visit_queue', json_build_object('tenantId', tenant_id, 'teamId', team_id, 'channelId', channel_id, 'visitId', id)::text)
      FROM visits WHERE id = visit AND team_id IS NOT NULL
    $$;

    CREATE FUNCTION rounds_visit_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM rounds_notify_visit_queue(NEW.id);
      RETURN NULL;
    END
    $$;

    CREATE FUNCTION rounds_lobby_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM rounds_notify_visit_queue(NEW.visit_id);
      RETURN NULL;
    END
    $$;

    CREATE TRIGGER visits_queue_notify AFTER INSERT OR UPDATE ON visits
      FOR EACH ROW EXECUTE FUNCTION rounds_visit_changed();
    CREATE TRIGGER lobby_sessions_queue_notify AFTER INSERT OR UPDATE ON lobby_sessions
      FOR EACH ROW EXECUTE FUNCTION rounds_lobby_changed();
  `,
};
