/**
 * The requests of issue 12 that ended the process or showed its insides, and what guards against
 * them: each now gets a 4xx and the service stays up. Also: every route restify has is in the route
 * registry (which drives fuzz-routes and auth-table), the last-resort guard, the lobby's throttle
 * that guessing cannot turn against a patient, and the headers of the pages and of /healthz.
 */
import zlib from 'node:zlib';
import pino from 'pino';
import type { Request as RestifyRequest, Response as RestifyResponse } from 'restify';
import { createHttpServer, routeRegistryOf } from '../../bot/src/http/create-http-server';
import { withAuth } from '../../bot/src/http/route-registry';
import { route } from '../../bot/src/http/route';
import type { RoundsService } from '../../bot/src/rounds-service';
import { message } from '../support/activities';
import { type CapturedLogs, NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { INTERNALS } from '../support/route-paths';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const ADMIN_KEY = 'admin-key-0123456789-abcdefghijklmnopqrstu';
const CONNECTOR = 'http://127.0.0.1:9';

let service: RoundsService;
const logs: CapturedLogs = { lines: [] };

beforeAll(async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  service = await startRoundsForTest({ ...NO_SANDBOX, INTEGRATION_API_KEY: KEY, ADMIN_API_KEY: ADMIN_KEY, PUBLIC_URL: 'https://rounds.example.org' }, logs);
  // Generous: start-up on a loaded 2-core machine.
}, SERVICE_START_TIMEOUT_MS);

afterAll(() => service.close());

const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${service.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]) });
const isUp = async () => (await fetch(`${service.url}/healthz`)).status === 200;

async function expectRefused(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status);
  const text = await response.text();
  const body = JSON.parse(text) as { error: Record<string, unknown> };
  expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String), ...('field' in body.error ? { field: expect.any(String) } : {}) } });
  expect(text).not.toMatch(INTERNALS);
}

describe('bodies that ended the process', () => {
  it.each(['/api/lobby/x/check-in', '/api/messages'])('answers 400 to a gzip body that is not gzip on %s, and stays up', async (path) => {
    const response = await post(path, '{}', { 'content-type': 'application/json', 'content-encoding': 'gzip' });

    await expectRefused(response, 400);
    expect(await isUp()).toBe(true);
  });

  it('answers 400 to corrupt deflate and brotli too, and 415 to an encoding it does not know', async () => {
    await expectRefused(await post('/api/lobby/x/check-in', '{}', { 'content-type': 'application/json', 'content-encoding': 'deflate' }), 400);
    await expectRefused(await post('/api/lobby/x/check-in', '{}', { 'content-type': 'application/json', 'content-encoding': 'br' }), 400);
    const unknown = await post('/api/lobby/x/check-in', '{}', { 'content-type': 'application/json', 'content-encoding': 'compress' });
    expect(unknown.headers.get('accept-encoding')).toMatch(/gzip/);
    await expectRefused(unknown, 415);
  });

  it('takes a well-formed gzip body', async () => {
    const body = zlib.gzipSync(JSON.stringify({ type: 'message' }));
    // Read and parsed: the activity is then refused for what it lacks, not for its encoding.
    const response = await post('/api/messages', body, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/serviceUrl|conversation/);
  });

  it('answers 413 to bodies over the limit: 256 KB for the API, 512 KB for activities, decoded size included', async () => {
    await expectRefused(await post('/api/visits', JSON.stringify({ reason: 'x'.repeat(300 * 1024) }), { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }), 413);
    await expectRefused(await post('/api/messages', JSON.stringify({ ...message(CONNECTOR, 'x'.repeat(600 * 1024)) }), { 'content-type': 'application/json' }), 413);
    // 8 MB of spaces in 8 KB of gzip.
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    await expectRefused(await post('/api/messages', bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 413);
    // An activity of 300 KB is still taken (refused here only for its made-up conversation).
    const large = await post('/api/messages', JSON.stringify(message(CONNECTOR, 'x'.repeat(300 * 1024))), { 'content-type': 'application/json' });
    expect(large.status).not.toBe(413);
    expect(await isUp()).toBe(true);
  });

  it('answers 400 to JSON nested beyond 32 levels, however deep', async () => {
    for (const depth of [40, 100_000]) {
      const response = await post('/api/lobby/x/check-in', '['.repeat(depth) + ']'.repeat(depth), { 'content-type': 'application/json' });
      await expectRefused(response, 400);
    }
    await expectRefused(await post('/api/lobby/x/check-in', '{"a":', { 'content-type': 'application/json' }), 400);
    await expectRefused(await post('/api/lobby/x/check-in', Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), { 'content-type': 'application/json' }), 400);
  });
});

describe('strings checked once for every route', () => {
  it.each([
    ['a NUL character', 'Ward\u0000 7'],
    ['a lone surrogate', 'Ward \uD800 7'],
    ['a lone low surrogate', '\uDC00'],
  ])('refuses %s in a body field with 400 naming the field', async (_case, text) => {
    const response = await api(service, 'POST', '/api/lists', { teamId: 't1', channelId: 'c1', name: text });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'validation', field: 'name', message: expect.stringMatching(/^name must not contain/) } });
  });

  it('names nested fields, query parameters and path parameters', async () => {
    const nested = await api(service, 'POST', '/api/visits', { patient: { name: 'Jane\u0000' }, start: new Date().toISOString(), durationMinutes: 30 }, { authorization: `Bearer ${KEY}` });
    expect(((await nested.json()) as { error: { field: string } }).error.field).toBe('patient.name');
    const query = await api(service, 'GET', '/api/lists?teamId=t1&channelId=%00');
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { field: string } }).error.field).toBe('channelId');
    const param = await api(service, 'GET', '/api/lobby/abc%00def');
    expect(param.status).toBe(400);
    expect(((await param.json()) as { error: { field: string } }).error.field).toBe('token');
  });

  it('takes well-formed text, emoji (surrogate pairs) included', async () => {
    const response = await api(service, 'POST', '/api/lists', { teamId: 't1', channelId: 'c1', name: 'Ward 7 🏥 Zoë' });
    expect(response.status).toBe(201);
  });
});

describe('/api/messages answers like the Bot Framework', () => {
  it.each([
    ['no body', undefined],
    ['an array', []],
    ['a serviceUrl that is no URL', { ...message(CONNECTOR, 'help'), serviceUrl: 'not a url' }],
    ['a text that is an object', { ...message(CONNECTOR, 'help'), text: { toString: 1 } }],
    ['a conversation without id', { ...message(CONNECTOR, 'help'), conversation: {} }],
    ['an id that is an object', { ...message(CONNECTOR, 'help'), id: { a: 1 } }],
  ])('answers 400 to %s, with no error text of the adapter', async (_case, body) => {
    const response = await post('/api/messages', body === undefined ? '' : JSON.stringify(body), { 'content-type': 'application/json' });
    await expectRefused(response, 400);
  });
});

describe('the route registry', () => {
  it('has every route restify has, each with its auth kind', () => {
    const registered = service.routes.entries.map((entry) => `${entry.method} ${entry.path}`).sort();
    expect(service.routes.restifyRoutes().sort()).toEqual(registered);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('refuses at start-up a route that declares no auth kind', () => {
    const server = createHttpServer(pino({ level: 'silent' }));
    expect(() => server.get('/api/new-thing', route(pino({ level: 'silent' }), async () => undefined))).toThrow(/declares no auth kind/);
    expect(routeRegistryOf(server).entries).toEqual([]);
  });
});

describe('the last-resort guard', () => {
  it('turns an error escaping a handler into a 500 for that request alone, logged without its text', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const server = createHttpServer(logger);
    server.get('/throws', withAuth('public', async () => {
      throw new Error('Jane Doe MRN 12345');
    }));
    server.get('/throws-sync', withAuth('public', (_req: unknown, _res: unknown, _next: unknown) => {
      throw new TypeError('Cannot read Jane Doe');
    }));
    server.get('/fine', withAuth('public', async (_req: RestifyRequest, res: RestifyResponse) => {
      res.json({ ok: true });
    }));
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      for (const path of ['/throws', '/throws-sync']) {
        const response = await fetch(`${base}${path}`);
        expect(response.status).toBe(500);
        const text = await response.text();
        expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
        expect(text).not.toMatch(/Jane/);
      }
      expect((await (await fetch(`${base}/fine`)).json()) as unknown).toEqual({ ok: true });
      expect(lines.join('')).toMatch(/unhandled error/);
      expect(lines.join('')).not.toMatch(/Jane|12345/);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
    }
  });
});

describe('the lobby throttle', () => {
  it('throttles wrong links per address, while a genuine link keeps working from that address', async () => {
    const start = new Date(Date.now() + 10 * 60_000).toISOString();
    const created = await api(service, 'POST', '/api/visits', { patient: { name: 'Jane Doe', birthDate: '1980-04-02' }, start, durationMinutes: 30, clinicians: [{ name: 'Dr Lee' }] }, { authorization: `Bearer ${KEY}` });
    expect(created.status).toBe(201);
    const token = new URL(((await created.json()) as { patientJoinUrl: string }).patientJoinUrl).pathname.split('/').pop() ?? '';

    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await api(service, 'GET', `/api/lobby/guess${String(i).padStart(43, '0')}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(-10)).toEqual(Array(10).fill(429));

    expect((await api(service, 'GET', `/api/lobby/${token}`)).status).toBe(200);
  });
});

describe('headers', () => {
  it('sends a CSP with script-src on every page Rounds serves, frameable by Teams where Teams shows it', async () => {
    for (const path of ['/tabs/patients.html', '/tabs/my-visits.html', '/tabs/on-call.html', '/tabs/dashboard.html', '/tabs/patients-config.html', '/lobby/x', '/rooms/room-1']) {
      const response = await fetch(`${service.url}${path}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      if (path.startsWith('/tabs/')) expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    }
  });

  it('sends HSTS and Secure cookies when PUBLIC_URL is https', async () => {
    expect((await fetch(`${service.url}/healthz`)).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const start = new Date(Date.now() + 10 * 60_000).toISOString();
    const created = await api(service, 'POST', '/api/visits', { patient: { name: 'Jane Doe', birthDate: '1980-04-02' }, start, durationMinutes: 30, clinicians: [{ name: 'Dr Kim' }] }, { authorization: `Bearer ${KEY}` });
    const token = new URL(((await created.json()) as { patientJoinUrl: string }).patientJoinUrl).pathname.split('/').pop() ?? '';
    const identified = await api(service, 'POST', `/api/lobby/${token}/identify`, { firstName: 'jane', birthYear: 1980 });
    expect(identified.status).toBe(200);
    expect(identified.headers.get('set-cookie')).toMatch(/; HttpOnly; .*; Secure/);
  });

  it('tells anyone only whether Rounds is healthy; the details go to loopback or the admin key', async () => {
    const outside = await fetch(`${service.url}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(outside.status).toBe(200);
    expect(await outside.json()).toEqual({ status: 'ok' });

    const admin = await fetch(`${service.url}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${ADMIN_KEY}` } });
    expect(await admin.json()).toMatchObject({ status: 'ok', version: expect.any(String), database: { status: 'up', backend: service.db.backend } });

    const wrongKey = await fetch(`${service.url}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer nope' } });
    expect(await wrongKey.json()).toEqual({ status: 'ok' });

    expect(await (await fetch(`${service.url}/healthz`)).json()).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });
});

it('wrote no patient data to the logs', () => {
  expect(logs.lines.join('')).not.toMatch(/Jane|Doe|1980-04-02/);
});
