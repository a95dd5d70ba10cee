/**
 * Email over SMTP (nodemailer). The calendar invite goes as a `text/calendar; method=...` alternative
 * (plus the usual invite.ics attachment nodemailer adds), which is what makes Outlook, Gmail and
 * Apple Mail show the event with Accept/Decline.
 */
import nodemailer from 'nodemailer';
import { AppError } from '../domain/shared/app-error';
import type { EmailMessage, EmailTransport } from '../domain/notifications/notification-types';

export interface SmtpSettings {
  /** smtp:// or smtps:// with credentials, e.g. smtp://user:password@mail.example.org:587 */
  smtpUrl: string;
  /** e.g. "Rounds <no-reply@hospital.example>" */
  from: string;
}

const TIMEOUT_MS = 20_000;

export interface ClosableEmailTransport extends EmailTransport {
  close(): void;
}

export function createSmtpEmailTransport(settings: SmtpSettings): ClosableEmailTransport {
  const transporter = nodemailer.createTransport({
    url: settings.smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    // Nodemailer logs envelopes (addresses) when asked to; never ask.
    logger: false,
    debug: false,
  });
  return {
    async send(message: EmailMessage): Promise<{ providerId: string | null }> {
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          ...(message.calendar ? { icalEvent: { method: message.calendar.method, content: message.calendar.ics, filename: 'invite.ics' } } : {}),
          // Keeps out-of-office replies away from a mailbox nobody reads.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { providerId: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close: () => transporter.close(),
  };
}

/** The server's reply code decides: 5xx refuses this message for good; anything else may pass later. */
export function toDeliveryError(error: unknown): AppError {
  const details = error !== null && typeof error === 'object' ? (error as { code?: unknown; responseCode?: unknown; permanent?: unknown }) : {};
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const code = typeof details.code === 'string' ? details.code : 'unknown';
  if (responseCode !== null && details.permanent === true) {
    return new AppError('validation', `The mail server refused the message (${responseCode}).`, { cause: error });
  }
  if (code === 'EAUTH') return new AppError('unavailable', 'The mail server refused our credentials.', { cause: error });
  const detail = responseCode === null ? code : String(responseCode);
  return new AppError('unavailable', `The mail server is unavailable (${detail}).`, { cause: error });
}
