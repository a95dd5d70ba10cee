/**
 * Patient message templates: the built-in texts and a renderer for `{{ variable }}`. Substitution
 * only: no expressions, no helpers, no code. Templates are plain text; the HTML email is derived
 * from the rendered text with everything escaped, so no tenant text or value can inject markup.
 */
import { AppError } from '../domain/shared/app-error';
import type { MessageTemplate, NotifyEvent, TemplateKey } from '../domain/notifications/notification-types';
import type { NotifyChannel } from '../domain/visits/visit-types';
import { allowedVariables, requiredVariables, type MessageValues, type VariableName } from './message-variables';

const STOP = 'Reply STOP to opt out.';

export const BUILT_IN_TEMPLATES: Record<TemplateKey, MessageTemplate> = {
  'invite.sms': {
    subject: null,
    body: `Hi {{patient.given_name}}, your video visit with {{clinician.name}} is booked for {{visit.start_time}}. Join at that time: {{visit.join_url}} ${STOP}`,
  },
  'reschedule.sms': {
    subject: null,
    body: `Hi {{patient.given_name}}, your video visit with {{clinician.name}} has moved to {{visit.start_time}}. Your new link: {{visit.join_url}} (the old one no longer works). ${STOP}`,
  },
  'cancel.sms': {
    subject: null,
    body: `Hi {{patient.given_name}}, your video visit with {{clinician.name}} on {{visit.start_time}} has been cancelled. Please contact {{organisation.name}} if you need a new time. ${STOP}`,
  },
  'reminder.sms': {
    subject: null,
    body: `Reminder: your video visit with {{clinician.name}} is on {{visit.start_time}}. Join here: {{visit.join_url}} ${STOP}`,
  },
  'invite.email': {
    subject: 'Your video visit with {{clinician.name}} on {{visit.date}}',
    body: [
      'Hi {{patient.given_name}},',
      'Your video visit with {{clinician.name}} is booked for {{visit.start_time}} ({{visit.duration}}).',
      'At that time, open this link on a phone, tablet or computer with a camera. There is nothing to install:\n{{visit.join_url}}',
      'Please join a few minutes early so you can check your camera and microphone.',
      '{{organisation.name}}',
    ].join('\n\n'),
  },
  'reschedule.email': {
    subject: 'Your video visit has moved to {{visit.date}}',
    body: [
      'Hi {{patient.given_name}},',
      'Your video visit with {{clinician.name}} has moved to {{visit.start_time}} ({{visit.duration}}).',
      'Join with this new link at that time (the link we sent before no longer works):\n{{visit.join_url}}',
      '{{organisation.name}}',
    ].join('\n\n'),
  },
  'cancel.email': {
    subject: 'Your video visit on {{visit.date}} is cancelled',
    body: [
      'Hi {{patient.given_name}},',
      'Your video visit with {{clinician.name}} on {{visit.start_time}} has been cancelled.',
      'Please contact us if you need a new time.',
      '{{organisation.name}}',
    ].join('\n\n'),
  },
  'reminder.email': {
    subject: 'Reminder: video visit with {{clinician.name}} on {{visit.start_time}}',
    body: [
      'Hi {{patient.given_name}},',
      'This is a reminder of your video visit with {{clinician.name}} on {{visit.start_time}} ({{visit.duration}}).',
      'Join here at that time:\n{{visit.join_url}}',
      '{{organisation.name}}',
    ].join('\n\n'),
  },
};

export const TEMPLATE_KEYS = Object.keys(BUILT_IN_TEMPLATES) as TemplateKey[];

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATE_KEYS as string[]).includes(value);
}

export function splitKey(key: TemplateKey): { event: NotifyEvent; channel: NotifyChannel } {
  const [event, channel] = key.split('.');
  return { event: event as NotifyEvent, channel: channel as NotifyChannel };
}

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const LIMITS = { smsBody: 1000, emailBody: 10_000, subject: 200 } as const;

/** Variable names a text uses, and whether braces are left over that are not a `{{ name }}`. */
function scan(text: string): { names: string[]; stray: boolean } {
  const names = [...text.matchAll(TOKEN)].map((match) => match[1] ?? '');
  const rest = text.replace(TOKEN, '');
  return { names, stray: rest.includes('{{') || rest.includes('}}') };
}

/** Checks a template before it is saved; AppError('validation') names the field and the allowed variables. */
export function validateTemplate(key: TemplateKey, template: MessageTemplate): MessageTemplate {
  const { event, channel } = splitKey(key);
  const allowed: readonly string[] = allowedVariables(event, channel);
  const fields: Array<['subject' | 'body', string]> = [['body', template.body]];
  if (channel === 'email') {
    const subject = template.subject ?? '';
    if (!subject.trim()) throw new AppError('validation', 'An email needs a subject.', { field: 'subject' });
    if (/[\r\n]/.test(subject)) throw new AppError('validation', 'The subject must be one line.', { field: 'subject' });
    if (subject.length > LIMITS.subject) throw new AppError('validation', `The subject can be at most ${LIMITS.subject} characters.`, { field: 'subject' });
    fields.push(['subject', subject]);
  } else if (template.subject !== null && template.subject.trim() !== '') {
    throw new AppError('validation', 'A text message has no subject.', { field: 'subject' });
  }
  const maxBody = channel === 'sms' ? LIMITS.smsBody : LIMITS.emailBody;
  if (!template.body.trim()) throw new AppError('validation', 'The message cannot be empty.', { field: 'body' });
  if (template.body.length > maxBody) throw new AppError('validation', `The message can be at most ${maxBody} characters.`, { field: 'body' });
  for (const [field, text] of fields) {
    const { names, stray } = scan(text);
    const unknown = names.filter((name) => !allowed.includes(name));
    const list = allowed.map((name) => `{{${name}}}`).join(', ');
    if (unknown.length > 0) {
      const shown = [...new Set(unknown)].map((name) => `{{${name}}}`).join(', ');
      throw new AppError('validation', `Unknown variable ${shown}. You can use: ${list}.`, { field });
    }
    if (stray) throw new AppError('validation', `Write variables as {{name}}, with two braces on each side. You can use: ${list}.`, { field });
  }
  const used = scan(template.body).names;
  for (const name of requiredVariables(event)) {
    if (!used.includes(name)) throw new AppError('validation', `The message must include {{${name}}}: without it the patient cannot join.`, { field: 'body' });
  }
  return { subject: channel === 'email' ? (template.subject ?? '').trim() : null, body: template.body };
}

/** Substitutes values; a name without a value (impossible after validation) becomes empty text. */
export function renderText(text: string, values: MessageValues): string {
  return text.replace(TOKEN, (_match, name: string) => (name in values ? values[name as VariableName] : ''));
}

/** A header value: one line, whatever a value contained. */
export function renderSubject(text: string, values: MessageValues): string {
  return renderText(text, values).replace(/\s+/g, ' ').trim();
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Escaped text with its web links made clickable. */
function linkified(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    html += escapeHtml(line.slice(last, match.index));
    const href = escapeHtml(match[0]);
    html += `<a href="${href}">${href}</a>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(line.slice(last));
}

/** A line that is only the join link becomes a button (with the link written out for copying). */
function paragraphHtml(paragraph: string, joinUrl: string | null): string {
  const blocks: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) blocks.push(`<p style="margin:0 0 16px">${lines.join('<br>')}</p>`);
    lines = [];
  };
  for (const line of paragraph.trim().split(/\r?\n/)) {
    if (joinUrl && line.trim() === joinUrl) {
      flush();
      const href = escapeHtml(joinUrl);
      blocks.push(
        `<p style="margin:0 0 8px"><a href="${href}" style="display:inline-block;padding:10px 18px;background:#5b5fc7;color:#ffffff;border-radius:4px;text-decoration:none">Join the video visit</a></p>`,
        `<p style="margin:0 0 16px;font-size:13px;color:#555555">Or open this link: <a href="${href}">${href}</a></p>`,
      );
    } else {
      lines.push(linkified(line));
    }
  }
  flush();
  return blocks.join('');
}

/** The HTML part of an email, from its rendered plain text. */
export function textToHtml(text: string, title: string, joinUrl: string | null): string {
  const paragraphs = text.split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== '');
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#242424">',
    `<div style="max-width:560px">${paragraphs.map((p) => paragraphHtml(p, joinUrl)).join('')}</div>`,
    '</body></html>',
  ].join('');
}
