/**
 * Builds patient notifications from the configuration and the stores it is given: transports (SMTP; Twilio or ACS),
 * the 'visit.notify' job handler, the outbox dispatcher and the template service. With no provider
 * for a channel, its messages stay in the outbox ('stored') for the dev outbox page.
 */
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { OptOutStore, OutboxStore, SmsTransport, TemplateStore } from '../domain/notifications/notification-types';
import type { NotifyChannel, Visit, VisitStore } from '../domain/visits/visit-types';
import { createAcsSmsTransport } from './acs-sms-transport';
import { createNotifyJob, type NotifyJobHandler } from './notify-job';
import { OutboxDispatcher, type DispatcherOptions } from './outbox-dispatcher';
import { createSmtpEmailTransport } from './smtp-email-transport';
import { NotificationTemplates } from './template-service';
import { createTwilioSmsTransport } from './twilio-sms-transport';

export interface NotificationsDeps {
  config: Pick<Config, 'email' | 'sms' | 'publicUrl'>;
  stores: { outbox: OutboxStore; optOuts: OptOutStore; templates: TemplateStore };
  visits: Pick<VisitStore, 'get'>;
  /** VisitService.patientJoinUrl: the patient's lobby link for the visit's current schedule. */
  patientJoinUrl: (visit: Visit) => string;
  /** VisitService.guestLink: a guest's lobby link and check-in code. */
  guestLink: (visit: Visit, guestId: string) => { joinUrl: string; code: string };
  logger: Logger;
  /** Who patient messages are from, e.g. "St Elsewhere Virtual Care". */
  organisationName?: string;
  dispatcher?: Partial<DispatcherOptions>;
  now?: () => Date;
  /** Tests: where SMS provider requests go. */
  fetch?: typeof fetch;
}

export interface Notifications {
  notifyJob: NotifyJobHandler;
  dispatcher: OutboxDispatcher;
  templates: NotificationTemplates;
  /** Who patient messages are from (the templates' `organisation.name`). */
  organisationName: string;
  outbox: OutboxStore;
  optOuts: OptOutStore;
  /** For registerSmsRoutes: the token Twilio signs its webhooks with, when Twilio is the provider. */
  twilioAuthToken: string | null;
  /** Stops the dispatcher and closes the SMTP connection. */
  close(): Promise<void>;
}

const DEFAULT_ORGANISATION = 'Your care team';

export function createNotifications(deps: NotificationsDeps): Notifications {
  const now = deps.now ?? (() => new Date());
  const { outbox, optOuts } = deps.stores;
  const templates = new NotificationTemplates(deps.stores.templates);
  const email = deps.config.email ? createSmtpEmailTransport(deps.config.email) : null;
  const sms = smsTransport(deps.config.sms, deps.fetch ?? fetch);
  const organisationName = deps.organisationName ?? DEFAULT_ORGANISATION;
  const deliverable: NotifyChannel[] = [...(email ? (['email'] as const) : []), ...(sms ? (['sms'] as const) : [])];

  const notifyJob = createNotifyJob({
    visits: deps.visits,
    outbox,
    optOuts,
    templates,
    patientJoinUrl: deps.patientJoinUrl,
    guestLink: deps.guestLink,
    deliverable,
    settings: { organisationName, organizer: organizerOf(deps.config, organisationName) },
    logger: deps.logger,
    now,
  });
  const dispatcher = new OutboxDispatcher({ outbox, optOuts, email, sms, logger: deps.logger, now, options: deps.dispatcher ?? {} });
  return {
    notifyJob,
    dispatcher,
    templates,
    organisationName,
    outbox,
    optOuts,
    twilioAuthToken: deps.config.sms?.kind === 'twilio' ? deps.config.sms.authToken : null,
    close: async () => {
      await dispatcher.stop();
      email?.close();
    },
  };
}

function smsTransport(config: Config['sms'], fetchImpl: typeof fetch): SmsTransport | null {
  if (!config) return null;
  switch (config.kind) {
    case 'twilio':
      return createTwilioSmsTransport(config, fetchImpl);
    case 'acs':
      return createAcsSmsTransport(config, fetchImpl);
  }
}

/** The calendar ORGANIZER: the sending address (SMTP_FROM), else a no-reply address on our host. */
function organizerOf(config: NotificationsDeps['config'], name: string): { name: string; email: string } {
  const from = config.email?.from ?? '';
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? (/^[^\s<>]+@[^\s<>]+$/.test(from.trim()) ? from.trim() : null);
  return { name, email: address ?? `no-reply@${new URL(config.publicUrl).hostname}` };
}
