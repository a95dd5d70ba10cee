/** The dev outbox page: every patient message, as the patient would read it. Server-rendered, escaped, no scripts. */
import type { OutboxMessage } from '../../domain/notifications/notification-types';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STATUS_TEXT: Record<OutboxMessage['status'], string> = {
  stored: 'Kept here (no provider configured)',
  queued: 'Waiting to be sent',
  sent: 'Sent',
  failed: 'Failed',
  suppressed: 'Not sent: the number opted out',
};

const STYLE = `
  body { margin: 0; padding: 24px; font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #242424; background: #f5f5f5; }
  main { max-width: 760px; margin: 0 auto; }
  h1 { font-size: 24px; margin: 0 0 4px; }
  .lead { margin: 0 0 24px; color: #424242; }
  article { background: #fff; border: 1px solid #d1d1d1; border-radius: 6px; padding: 16px; margin: 0 0 16px; }
  header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin-bottom: 8px; }
  .badge { font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 10px; background: #ebebeb; }
  .status-sent { background: #dff6dd; } .status-failed { background: #fde7e9; } .status-suppressed { background: #fff4ce; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; font-size: 14px; }
  dt { color: #616161; } dd { margin: 0; overflow-wrap: anywhere; }
  .body { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border-left: 3px solid #5b5fc7; padding: 8px 12px; margin: 8px 0; }
  pre { font-size: 12px; overflow-x: auto; background: #fafafa; padding: 8px; }
  .empty { color: #616161; }
`;

function messageHtml(message: OutboxMessage): string {
  const channel = message.channel === 'sms' ? 'Text message' : 'Email';
  const facts: Array<[string, string]> = [
    ['To', message.recipient],
    ['Template', message.template],
    ['Written', message.createdAt.toISOString()],
    ...(message.subject ? ([['Subject', message.subject]] as Array<[string, string]>) : []),
    ...(message.attempts > 0 ? ([['Attempts', String(message.attempts)]] as Array<[string, string]>) : []),
    ...(message.lastError ? ([['Last error', message.lastError]] as Array<[string, string]>) : []),
  ];
  return [
    '<article>',
    `<header><h2 style="font-size:16px;margin:0">${channel}</h2><span class="badge status-${message.status}">${escapeHtml(STATUS_TEXT[message.status])}</span></header>`,
    `<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`,
    `<div class="body">${escapeHtml(message.body)}</div>`,
    message.ics ? `<details><summary>Calendar invite (invite.ics)</summary><pre>${escapeHtml(message.ics)}</pre></details>` : '',
    '</article>',
  ].join('');
}

export function outboxPage(messages: readonly OutboxMessage[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Outbox: what patients would receive</title><style>${STYLE}</style></head>`,
    '<body><main>',
    '<h1>What patients would receive</h1>',
    '<p class="lead">Every text message and email Rounds wrote for patients, newest first. With no SMTP server or SMS provider configured, messages stay here instead of being sent. This page exists in dev mode only.</p>',
    messages.length === 0 ? '<p class="empty">No messages yet. Schedule a visit with a mobile number or email to see one.</p>' : messages.map(messageHtml).join(''),
    '</main></body></html>',
  ].join('');
}
