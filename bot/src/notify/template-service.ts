/** Message templates per tenant: the built-in text unless the tenant saved its own (validated on save). */
import { AppError } from '../domain/shared/app-error';
import type { MessageTemplate, TemplateKey, TemplateStore } from '../domain/notifications/notification-types';
import { allowedVariables, requiredVariables, VARIABLE_HELP, type MessageValues, type VariableName } from './message-variables';
import { smsLength, type SmsLengthInfo } from './sms-length';
import { BUILT_IN_TEMPLATES, isTemplateKey, renderSubject, renderText, splitKey, TEMPLATE_KEYS, validateTemplate } from './templates';

export interface TemplateView {
  key: TemplateKey;
  template: MessageTemplate;
  builtIn: MessageTemplate;
  edited: { by: string; at: Date } | null;
  variables: Array<{ name: VariableName; help: string; required: boolean }>;
}

export class NotificationTemplates {
  constructor(private readonly store: TemplateStore) {}

  /** What a message of this kind is rendered from for this tenant. */
  async resolve(tenantId: string, key: TemplateKey): Promise<MessageTemplate> {
    const stored = await this.store.get(tenantId, key);
    return stored ? { subject: stored.subject, body: stored.body } : BUILT_IN_TEMPLATES[key];
  }

  async list(tenantId: string): Promise<TemplateView[]> {
    const stored = new Map((await this.store.list(tenantId)).map((template) => [template.key, template]));
    return TEMPLATE_KEYS.map((key) => {
      const own = stored.get(key);
      const { event, channel } = splitKey(key);
      return {
        key,
        template: own ? { subject: own.subject, body: own.body } : BUILT_IN_TEMPLATES[key],
        builtIn: BUILT_IN_TEMPLATES[key],
        edited: own ? { by: own.updatedBy, at: own.updatedAt } : null,
        variables: allowedVariables(event, channel).map((name) => ({ name, help: VARIABLE_HELP[name], required: requiredVariables(event).includes(name) })),
      };
    });
  }

  /** Validates and saves; AppError('validation') names the field and lists the variables allowed. */
  async save(tenantId: string, key: string, template: MessageTemplate, updatedBy: string): Promise<MessageTemplate> {
    const known = knownKey(key);
    const valid = validateTemplate(known, template);
    await this.store.set(tenantId, known, valid, updatedBy);
    return valid;
  }

  /** The template rendered with these values, checked as a save would check it (nothing is saved). */
  preview(key: string, template: MessageTemplate, values: MessageValues): MessageTemplate & { sms: SmsLengthInfo | null } {
    const known = knownKey(key);
    const valid = validateTemplate(known, template);
    const body = renderText(valid.body, values);
    return { subject: valid.subject === null ? null : renderSubject(valid.subject, values), body, sms: splitKey(known).channel === 'sms' ? smsLength(body) : null };
  }

  /** Back to the built-in text. */
  async reset(tenantId: string, key: string): Promise<MessageTemplate> {
    const known = knownKey(key);
    await this.store.remove(tenantId, known);
    return BUILT_IN_TEMPLATES[known];
  }
}

function knownKey(key: string): TemplateKey {
  if (!isTemplateKey(key)) throw new AppError('validation', `There is no such template. Templates are: ${TEMPLATE_KEYS.join(', ')}.`, { field: 'key' });
  return key;
}
