/**
 * A stand-in for Twilio's Messages API that checks the request contract (path, Basic auth, form
 * fields) and answers like Twilio: 201 with a message SID, or the failures a test queues (429, 500,
 * 400 with error 21610). It also signs inbound webhooks the way Twilio does.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../../bot/src/notify/twilio-signature';

export interface TwilioRequest {
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
}

export interface TwilioAnswer {
  status: number;
  /** Twilio's error code, e.g. 21610 for an unsubscribed recipient. */
  code?: number;
}

export interface FakeTwilio {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Every well-formed send request, in order, whatever it was answered. */
  requests: TwilioRequest[];
  /** Requests that broke the contract (wrong path, auth or fields): a test expects none. */
  violations: string[];
  /** Answers the next requests with these, in order, before going back to 201. */
  failNext(...answers: TwilioAnswer[]): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const ERRORS: Record<number, string> = { 20003: 'Authenticate', 20429: 'Too Many Requests', 21610: 'Attempt to send to unsubscribed recipient' };

export async function startFakeTwilio(options: { from: string }): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const requests: TwilioRequest[] = [];
  const violations: string[] = [];
  const queued: TwilioAnswer[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: Record<string, unknown>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const refuse = (status: number, problem: string, code = 20001) => {
        violations.push(problem);
        reply(status, { code, message: problem, status });
      };
      if (req.method !== 'POST' || req.url !== path) return refuse(404, `unexpected ${req.method} ${req.url}`, 20404);
      if (req.headers.authorization !== `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`) return refuse(401, 'bad Basic auth', 20003);
      if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return refuse(400, 'body is not form-encoded');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const names = [...new Set(form.keys())].sort();
      const allowed = ['Body', 'From', 'MessagingServiceSid', 'To'];
      if (names.some((name) => !allowed.includes(name))) return refuse(400, `unexpected fields ${names.join(',')}`);
      const request: TwilioRequest = { to: form.get('To') ?? '', from: form.get('From'), messagingServiceSid: form.get('MessagingServiceSid'), body: form.get('Body') ?? '' };
      if (!E164.test(request.to)) return refuse(400, 'To is not E.164', 21211);
      if (request.from !== options.from && request.messagingServiceSid !== options.from) return refuse(400, 'unexpected sender', 21212);
      if (!request.body) return refuse(400, 'empty Body', 21602);
      requests.push(request);
      const answer = queued.shift();
      if (answer) return reply(answer.status, answer.code ? { code: answer.code, message: ERRORS[answer.code] ?? 'Error', status: answer.status } : {});
      reply(201, { sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued', to: request.to, from: request.from, body: request.body, account_sid: accountSid });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    violations,
    failNext: (...answers) => void queued.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Posts an inbound SMS to our webhook as Twilio would, signed with `signingToken` (a wrong one forges it). */
export async function postInboundSms(webhookUrl: string, signingToken: string, params: Record<string, string>): Promise<Response> {
  const full = { AccountSid: 'AC00000000000000000000000000000000', MessageSid: `SM${randomBytes(16).toString('hex')}`, NumMedia: '0', ...params };
  return fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(signingToken, webhookUrl, full) },
    body: new URLSearchParams(full).toString(),
  });
}
