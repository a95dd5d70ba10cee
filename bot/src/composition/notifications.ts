/** Patient notifications: templates, SMS and email providers, the outbox, inbound SMS replies. */
import { registerOutboxRoutes } from '../http/notifications/outbox-routes';
import { registerSmsRoutes } from '../http/notifications/sms-routes';
import { registerTemplateRoutes } from '../http/notifications/template-routes';
import { createNotifications } from '../notify/create-notifications';
import { sampleValues } from '../notify/message-variables';
import { refreshingCards } from '../notify/notify-job';
import { SqlOptOutStore } from '../storage/sql-opt-out-store';
import { SqlSmsReplyStore } from '../storage/sql-sms-reply-store';
import { SqlTemplateStore } from '../storage/sql-template-store';
import type { Capability } from './capability';
import type { Platform } from './platform';
import type { Visits } from './visits';

export function composeNotifications(platform: Platform, { visits, store }: Pick<Visits, 'visits' | 'store'>): Capability {
  const { db, config, deployment, audit, logger, now } = platform;
  const notifications = createNotifications({
    config,
    stores: { outbox: platform.outbox, optOuts: new SqlOptOutStore(db), templates: new SqlTemplateStore(db) },
    visits: store,
    patientJoinUrl: (visit) => visits.patientJoinUrl(visit),
    guestLink: (visit, guestId) => visits.guestLink(visit, guestId),
    logger,
    now,
  });
  const { devMode } = deployment;
  return {
    // Once the patient's messages are written, the visit's cards say how they were told.
    jobHandlers: { 'visit.notify': refreshingCards(notifications.notifyJob, { visits: store, now }) },
    registerRoutes(server) {
      registerOutboxRoutes(server, { outbox: notifications.outbox, devMode, logger });
      registerSmsRoutes(server, { optOuts: notifications.optOuts, replies: new SqlSmsReplyStore(db), now, twilioAuthToken: notifications.twilioAuthToken, publicUrl: config.publicUrl, devMode, logger });
      registerTemplateRoutes(server, { authenticator: deployment.authenticator, templates: notifications.templates, audit, sampleValues: sampleValues(config.publicUrl, notifications.organisationName), logger });
    },
    start: async () => notifications.dispatcher.start(),
    stop: () => notifications.close(),
  };
}
