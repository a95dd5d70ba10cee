import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../domain/shared/app-error';
import { acsAuthHeaders, createAcsSmsTransport } from './acs-sms-transport';

const ACCESS_KEY = Buffer.from('an-acs-access-key-of-32-bytes!!!').toString('base64');
const NOW = new Date('2026-11-20T01:02:03Z');

type Call = { url: string; init: RequestInit };

function fakeFetch(status: number, answer: unknown) {
  const calls: Call[] = [];
  const impl = (async (url: URL | RequestInfo, init?: RequestInit) => {
    calls.push({ url: url instanceof URL ? url.href : typeof url === 'string' ? url : url.url, init: init ?? {} });
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { impl, calls };
}

const message = { to: '+61400111222', body: 'Hi Maria', idempotencyKey: '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd', firstAttemptAt: new Date('2026-11-20T01:00:00Z') };

describe('Azure Communication Services SMS', () => {
  it('signs the request as ACS documents: HMAC-SHA256 over verb, path and query, date, host and content hash', async () => {
    const fake = fakeFetch(202, { value: [{ to: message.to, messageId: 'acs-1', httpStatusCode: 202, successful: true }] });
    const transport = createAcsSmsTransport({ endpoint: 'https://res.communication.azure.com', accessKey: ACCESS_KEY, from: '+61400999000' }, fake.impl, () => NOW);
    await expect(transport.send(message)).resolves.toEqual({ kind: 'sent', providerId: 'acs-1' });

    const call = fake.calls[0]!;
    expect(call.url).toBe('https://res.communication.azure.com/sms?api-version=2021-03-07');
    const headers = call.init.headers as Record<string, string>;
    const body = call.init.body as string;
    const contentHash = createHash('sha256').update(body).digest('base64');
    const toSign = `POST\n/sms?api-version=2021-03-07\n${NOW.toUTCString()};res.communication.azure.com;${contentHash}`;
    const signature = createHmac('sha256', Buffer.from(ACCESS_KEY, 'base64')).update(toSign).digest('base64');
    expect(headers['x-ms-date']).toBe('Fri, 20 Nov 2026 01:02:03 GMT');
    expect(headers['x-ms-content-sha256']).toBe(contentHash);
    expect(headers.authorization).toBe(`HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`);
    expect(JSON.parse(body)).toEqual({
      from: '+61400999000',
      smsRecipients: [{ to: '+61400111222', repeatabilityRequestId: message.idempotencyKey, repeatabilityFirstSent: 'Fri, 20 Nov 2026 01:00:00 GMT' }],
      message: 'Hi Maria',
      smsSendOptions: { enableDeliveryReport: false },
    });
  });

  it('includes a non-default port in the signed host', () => {
    const url = new URL('http://127.0.0.1:8443/sms?api-version=2021-03-07');
    const a = acsAuthHeaders({ method: 'POST', url, body: '{}', accessKey: ACCESS_KEY, date: NOW });
    const b = acsAuthHeaders({ method: 'POST', url: new URL('http://127.0.0.1:9000/sms?api-version=2021-03-07'), body: '{}', accessKey: ACCESS_KEY, date: NOW });
    expect(a.authorization).not.toBe(b.authorization);
  });

  it.each([
    [429, 'rate_limited'],
    [503, 'unavailable'],
    [401, 'unavailable'],
    [400, 'validation'],
  ])('turns HTTP %i into AppError %s', async (status, code) => {
    const fake = fakeFetch(status, { error: { message: 'quoted +61400111222' } });
    const transport = createAcsSmsTransport({ endpoint: 'https://res.communication.azure.com', accessKey: ACCESS_KEY, from: '+1' }, fake.impl, () => NOW);
    const error = await transport.send(message).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).userMessage).not.toContain('+61400111222');
  });

  it('fails on a per-recipient refusal inside a 202', async () => {
    const fake = fakeFetch(202, { value: [{ to: message.to, httpStatusCode: 400, successful: false }] });
    const transport = createAcsSmsTransport({ endpoint: 'https://res.communication.azure.com', accessKey: ACCESS_KEY, from: '+1' }, fake.impl, () => NOW);
    await expect(transport.send(message)).rejects.toMatchObject({ code: 'validation' });
  });
});
