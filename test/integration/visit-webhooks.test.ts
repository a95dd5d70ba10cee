/**
 * Visit events relayed to a configured URL over real HTTP: signed, in order, retried after a failure
 * (at least once), and free of patient names.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RoundsService } from '../../bot/src/rounds-service';
import { SqlWebhookCursor } from '../../bot/src/storage/sql-webhook-cursor';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const SECRET = 'webhook-secret-0123456789-abcdefghijklmnop';

interface Received {
  body: string;
  eventId: string;
  signature: string;
}

describe('visit event webhooks', () => {
  let service: RoundsService;
  let receiver: http.Server;
  const received: Received[] = [];
  let failNext = 1;
  let clock = Date.now();

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (failNext > 0) {
          failNext -= 1;
          res.statusCode = 500;
          res.end();
          return;
        }
        received.push({ body: Buffer.concat(chunks).toString('utf8'), eventId: String(req.headers['x-rounds-event-id']), signature: String(req.headers['x-rounds-signature']) });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    service = await startRoundsForTest(
      { INTEGRATION_API_KEY: KEY, WEBHOOK_URL: `http://127.0.0.1:${port}/hooks`, WEBHOOK_SECRET: SECRET, LOBBY_IDENTITY: 'none', ...NO_SANDBOX },
      undefined,
      { now: () => new Date(clock) },
    );
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(async () => {
    await service.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function waitFor(predicate: () => boolean, ms = 8000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('relays the visit timeline in order, signed, after retrying a failed delivery', async () => {
    const created = await api(service, 'POST', '/api/visits', { patient: { name: 'Quentin Marsh' }, start: new Date(clock + 10 * 60_000).toISOString(), durationMinutes: 20 }, { authorization: `Bearer ${KEY}` });
    const visit = (await created.json()) as { id: string; patientJoinUrl: string };
    const token = new URL(visit.patientJoinUrl).pathname.split('/').pop() ?? '';
    await api(service, 'GET', `/api/lobby/${token}`);
    await api(service, 'POST', `/api/lobby/${token}/device-check`, { camera: 'ok', microphone: 'failed', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 40, userAgent: null });
    await api(service, 'POST', `/api/lobby/${token}/check-in`, {});

    // The first delivery failed: nothing moves until its backoff has passed (on the service's clock).
    const backingOff = async () => {
      const [row] = await service.db.query<{ attempts: number; waiting: boolean }>('SELECT attempts, next_try_at > $1 AS waiting FROM webhook_cursor WHERE id = 1', [new Date(clock)]);
      return row?.attempts === 1 && row.waiting;
    };
    for (const deadline = Date.now() + 15_000; !(await backingOff()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await backingOff()).toBe(true);
    expect(await new SqlWebhookCursor(service.db).claim(new Date(clock), 60_000, 50)).toBeNull();
    expect(received).toHaveLength(0);
    clock += 60_000;
    await waitFor(() => received.length >= 5);

    const events = received.map((r) => JSON.parse(r.body) as { id: string; type: string; visitId: string; data: Record<string, unknown> });
    // The visit names no clinician: the timeline (and so the webhook) says nobody could be alerted.
    expect(events.map((event) => event.type)).toEqual(['visit.created', 'visit.link_opened', 'visit.device_check', 'visit.checked_in', 'visit.alert_failed']);
    expect(events[4]?.data).toMatchObject({ step: 0, reason: 'no-clinician' });
    expect(events.every((event) => event.visitId === visit.id)).toBe(true);
    expect(events[2]?.data).toMatchObject({ failed: 'microphone', rttMs: 40 });
    expect(received.map((r) => r.eventId)).toEqual(events.map((event) => event.id));
    for (const delivery of received) {
      const [t, v1] = delivery.signature.split(',').map((part) => part.split('=')[1]);
      expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${delivery.body}`).digest('hex'));
      expect(delivery.body).not.toContain('Quentin');
    }
  });
});
