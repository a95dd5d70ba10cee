/**
 * SMS through Twilio's Messages REST API. Failures become AppErrors whose texts are ours: Twilio's
 * own error messages quote the phone number, so they are never kept or logged.
 */
import { AppError } from '../domain/shared/app-error';
import { createRetryingHttp, singleAttempt, type OutboundResponse } from '../net/retrying-http';
import type { SmsMessage, SmsSendResult, SmsTransport } from '../domain/notifications/notification-types';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** A phone number, or a Messaging Service SID (MG...). */
  from: string;
  baseUrl: string;
}

/** Twilio: "Attempt to send to unsubscribed recipient" (the number texted STOP). */
const UNSUBSCRIBED = 21610;
/** One attempt: Twilio has no idempotency key, so a lost answer may mean a sent SMS; the outbox retries later, within its budget. */
const SMS_POLICY = singleAttempt(15_000);

export function createTwilioSmsTransport(settings: TwilioSettings, fetchImpl: typeof fetch = fetch): SmsTransport {
  const url = `${settings.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const http = createRetryingHttp(SMS_POLICY, { fetch: fetchImpl });
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    async send(message: SmsMessage): Promise<SmsSendResult> {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      form.set(/^MG[0-9a-f]{32}$/i.test(settings.from) ? 'MessagingServiceSid' : 'From', settings.from);
      let response: OutboundResponse;
      try {
        response = await http.send({
          method: 'POST',
          url,
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
        });
      } catch (error) {
        throw new AppError('unavailable', 'Twilio could not be reached.', { cause: error });
      }
      const answer = readJson(response.text);
      if (response.status >= 200 && response.status < 300) {
        const sid = typeof answer.sid === 'string' ? answer.sid : '';
        return { kind: 'sent', providerId: sid };
      }
      const code = typeof answer.code === 'number' ? answer.code : null;
      if (code === UNSUBSCRIBED) return { kind: 'opted_out' };
      throw failure(response.status, code);
    },
  };
}

function readJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function failure(status: number, code: number | null): AppError {
  const detail = `HTTP ${status}${code === null ? '' : `, Twilio error ${code}`}`;
  if (status === 429) return new AppError('rate_limited', `Twilio is limiting requests (${detail}).`);
  if (status >= 500) return new AppError('unavailable', `Twilio is unavailable (${detail}).`);
  // Wrong credentials are an operator's fix, not the message's fault: keep retrying until fixed or out of attempts.
  if (status === 401 || status === 403) return new AppError('unavailable', `Twilio refused our credentials (${detail}).`);
  return new AppError('validation', `Twilio refused the message (${detail}).`);
}
