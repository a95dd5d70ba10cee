/**
 * SMS through Azure Communication Services (REST, api-version 2021-03-07) with HMAC-SHA256 request
 * signing as ACS documents it. Each message carries a repeatability id (the outbox message id), so a
 * retry after a lost answer is not sent twice.
 */
import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../domain/shared/app-error';
import { createRetryingHttp, singleAttempt, type OutboundResponse } from '../net/retrying-http';
import type { SmsMessage, SmsSendResult, SmsTransport } from '../domain/notifications/notification-types';

export interface AcsSettings {
  /** e.g. https://my-resource.communication.azure.com */
  endpoint: string;
  /** The resource's access key (base64). */
  accessKey: string;
  from: string;
}

const PATH_AND_QUERY = '/sms?api-version=2021-03-07';
const TIMEOUT_MS = 15_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The headers that authenticate one request: x-ms-date, x-ms-content-sha256 and Authorization. */
export function acsAuthHeaders(options: { method: string; url: URL; body: string; accessKey: string; date: Date }): Record<string, string> {
  const date = options.date.toUTCString();
  const contentHash = createHash('sha256').update(options.body, 'utf8').digest('base64');
  const stringToSign = `${options.method.toUpperCase()}\n${options.url.pathname}${options.url.search}\n${date};${options.url.host};${contentHash}`;
  const signature = createHmac('sha256', Buffer.from(options.accessKey, 'base64')).update(stringToSign, 'utf8').digest('base64');
  return {
    'x-ms-date': date,
    'x-ms-content-sha256': contentHash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}

interface AcsResultItem {
  httpStatusCode?: number;
  successful?: boolean;
  messageId?: string;
}

export function createAcsSmsTransport(settings: AcsSettings, fetchImpl: typeof fetch = fetch, now: () => Date = () => new Date()): SmsTransport {
  const url = new URL(`${settings.endpoint}${PATH_AND_QUERY}`);
  // One attempt per outbox try: each is signed for its own moment, and the outbox retries within its budget.
  const http = createRetryingHttp(singleAttempt(TIMEOUT_MS), { fetch: fetchImpl });
  return {
    async send(message: SmsMessage): Promise<SmsSendResult> {
      const repeatable = UUID.test(message.idempotencyKey)
        ? { repeatabilityRequestId: message.idempotencyKey, repeatabilityFirstSent: message.firstAttemptAt.toUTCString() }
        : {};
      const body = JSON.stringify({
        from: settings.from,
        smsRecipients: [{ to: message.to, ...repeatable }],
        message: message.body,
        smsSendOptions: { enableDeliveryReport: false },
      });
      let response: OutboundResponse;
      try {
        response = await http.send({
          method: 'POST',
          url,
          headers: { ...acsAuthHeaders({ method: 'POST', url, body, accessKey: settings.accessKey, date: now() }), 'content-type': 'application/json' },
          body,
        });
      } catch (error) {
        throw new AppError('unavailable', 'Azure Communication Services could not be reached.', { cause: error });
      }
      const answer = parseAnswer(response.text);
      if (response.status < 200 || response.status >= 300) throw failure(response.status);
      const item = answer.value?.[0];
      if (item?.successful && item.messageId) return { kind: 'sent', providerId: item.messageId };
      throw failure(item?.httpStatusCode ?? 500);
    },
  };
}

function parseAnswer(text: string): { value?: AcsResultItem[] } {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value) : {};
  } catch {
    return {};
  }
}

function failure(status: number): AppError {
  const detail = `HTTP ${status}`;
  if (status === 429) return new AppError('rate_limited', `Azure Communication Services is limiting requests (${detail}).`);
  if (status >= 500) return new AppError('unavailable', `Azure Communication Services is unavailable (${detail}).`);
  if (status === 401 || status === 403) return new AppError('unavailable', `Azure Communication Services refused our credentials (${detail}).`);
  return new AppError('validation', `Azure Communication Services refused the message (${detail}).`);
}
