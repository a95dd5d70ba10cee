/**
 * The message templates page's API, for Rounds administrators (the Entra app role `Rounds.Admin`):
 * list the templates with their variables, change one, put it back to the built-in text, preview
 * one with sample values. Every change is audited with the template and the lengths before and
 * after; templates hold no patient data, and neither does the audit.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { templateKeyParams, templateText, type TemplateDto, type TemplatePreview, type TemplatesResponse } from '../../contracts/templates-api';
import { AppError } from '../../domain/shared/app-error';
import type { Actor } from '../../domain/shared/actor';
import type { AuditLog } from '../../domain/shared/audit';
import type { MessageTemplate } from '../../domain/notifications/notification-types';
import type { NotificationTemplates, TemplateView } from '../../notify/template-service';
import { adminActor, type Authenticator, type Identity } from '../auth/identity';
import { parseInput } from '../parse-input';
import { authedRoute } from '../route';
import type { MessageValues } from '../../notify/message-variables';

interface Deps {
  authenticator: Authenticator;
  templates: NotificationTemplates;
  audit: AuditLog;
  /** Made-up values a preview is rendered with. */
  sampleValues: MessageValues;
  logger: Logger;
}

const adminOf = (identity: Identity): Actor => adminActor(identity, 'message templates');

const toDto = (view: TemplateView): TemplateDto => {
  const [event, channel] = view.key.split('.') as [TemplateDto['event'], TemplateDto['channel']];
  return {
    key: view.key,
    event,
    channel,
    subject: view.template.subject,
    body: view.template.body,
    builtIn: view.builtIn,
    edited: view.edited ? { by: view.edited.by, at: view.edited.at.toISOString() } : null,
    variables: view.variables,
  };
};

const textOf = (input: { subject?: string | null | undefined; body: string }): MessageTemplate => ({ subject: input.subject ?? null, body: input.body });
const lengthOf = (template: MessageTemplate): number => (template.subject?.length ?? 0) + template.body.length;

export function registerTemplateRoutes(server: Server, { authenticator, templates, audit, sampleValues, logger }: Deps): void {
  const viewOf = async (tenantId: string, key: string): Promise<TemplateDto> => {
    const found = (await templates.list(tenantId)).find((view) => view.key === key);
    if (!found) throw new AppError('not_found', 'There is no such template.');
    return toDto(found);
  };

  server.get(
    '/api/admin/templates',
    authedRoute(logger, authenticator, async (_req, res, identity) => {
      const actor = adminOf(identity);
      const body: TemplatesResponse = { templates: (await templates.list(actor.tenantId)).map(toDto) };
      res.json(body);
    }),
  );

  server.put(
    '/api/admin/templates/:key',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const actor = adminOf(identity);
      const { key } = parseInput(templateKeyParams, req.params);
      const input = parseInput(templateText, req.body);
      const before = await viewOf(actor.tenantId, key);
      const saved = await templates.save(actor.tenantId, key, textOf(input), actor.name);
      await audit.record({ actor, action: 'template.update', channel: null, detail: { template: key, beforeLength: lengthOf(before), afterLength: lengthOf(saved) } });
      logger.info({ template: key }, 'message template changed');
      res.json(await viewOf(actor.tenantId, key));
    }),
  );

  server.del(
    '/api/admin/templates/:key',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const actor = adminOf(identity);
      const { key } = parseInput(templateKeyParams, req.params);
      const before = await viewOf(actor.tenantId, key);
      const builtIn = await templates.reset(actor.tenantId, key);
      await audit.record({ actor, action: 'template.reset', channel: null, detail: { template: key, beforeLength: lengthOf(before), afterLength: lengthOf(builtIn) } });
      logger.info({ template: key }, 'message template reset');
      res.json(await viewOf(actor.tenantId, key));
    }),
  );

  server.post(
    '/api/admin/templates/:key/preview',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      adminOf(identity);
      const { key } = parseInput(templateKeyParams, req.params);
      const body: TemplatePreview = templates.preview(key, textOf(parseInput(templateText, req.body)), sampleValues);
      res.json(body);
    }),
  );
}
