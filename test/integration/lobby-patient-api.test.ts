/**
 * The patient's lobby API over real HTTP: the link opens the visit's time and clinicians only, the
 * identity check guards everything after it, check-in makes the visit "waiting", the event stream
 * follows every change, and dead links say nothing about any visit.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: 'test' };

describe('patient lobby API', () => {
  let service: RoundsService;
  /** Moves the service's clock; tests put it back. */
  let offsetMs = 0;

  beforeAll(async () => {
    service = await startRoundsForTest({ INTEGRATION_API_KEY: KEY, ...NO_SANDBOX }, undefined, {
      now: () => new Date(Date.now() + offsetMs),
    });
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(() => service.close());

  let visits = 0;
  async function newVisit(minutesAhead: number, patient: Record<string, string> = { name: 'Jane Doe', birthDate: '1980-04-02' }) {
    // A clinician of their own per visit: these visits overlap in time.
    const clinician = visits++ === 0 ? 'Dr Lee' : `Dr Lee ${visits}`;
    const start = new Date(Date.now() + minutesAhead * 60_000).toISOString();
    const response = await api(service, 'POST', '/api/visits', { patient, start, durationMinutes: 30, clinicians: [{ name: clinician }], reason: 'wound check' }, auth);
    expect(response.status).toBe(201);
    const visit = (await response.json()) as { id: string; patientJoinUrl: string };
    return { id: visit.id, token: new URL(visit.patientJoinUrl).pathname.split('/').pop() ?? '' };
  }

  const lobby = (token: string, method: string, path = '', body?: unknown, cookie?: string) =>
    api(service, method, `/api/lobby/${token}${path}`, body, cookie ? { cookie } : {});

  async function identified(token: string): Promise<string> {
    const response = await lobby(token, 'POST', '/identify', { firstName: 'jane', birthYear: 1980 });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toContain(`Path=/api/lobby/${token}`);
    return cookie.split(';')[0] ?? '';
  }

  it('shows the time and clinicians only, and asks who the patient is', async () => {
    const { token } = await newVisit(10);
    const response = await lobby(token, 'GET');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ phase: 'identify', clinicians: ['Dr Lee'], durationMinutes: 30, identity: { firstName: true, birthYear: true }, joinUrl: null });
    expect(text).not.toMatch(/Jane|Doe|wound|1980/);
  });

  it('refuses the wrong first name or birth year, and lets the right ones in (any case, no accents needed)', async () => {
    const { token } = await newVisit(10, { name: 'Zoë Ångström', birthDate: '1975-01-01' });
    expect((await lobby(token, 'POST', '/identify', { firstName: 'Anna', birthYear: 1975 })).status).toBe(403);
    expect((await lobby(token, 'POST', '/identify', { firstName: 'zoe', birthYear: 1976 })).status).toBe(403);
    expect((await lobby(token, 'POST', '/identify', { firstName: 'ZOE', birthYear: 1975 })).status).toBe(200);
  });

  it('stops guessing after five tries on one link', async () => {
    const { token } = await newVisit(10);
    for (let i = 0; i < 5; i++) await lobby(token, 'POST', '/identify', { firstName: `guess${i}`, birthYear: 1900 + i });
    const blocked = await lobby(token, 'POST', '/identify', { firstName: 'jane', birthYear: 1980 });
    expect(blocked.status).toBe(429);
  });

  it('needs the identity ticket to report devices and check in', async () => {
    const { token } = await newVisit(10);
    expect((await lobby(token, 'POST', '/device-check', OK_DEVICES)).status).toBe(401);
    expect((await lobby(token, 'POST', '/check-in', {}, 'rounds_lobby=forged')).status).toBe(401);
  });

  it('checks the patient in: the visit turns "waiting", the stream follows, the timeline records it', async () => {
    const { id, token } = await newVisit(10);
    const cookie = await identified(token);
    const stream = await fetch(`${service.url}/api/lobby/${token}/events`, { headers: { cookie } });
    const reader = stream.body!.getReader();
    const events: string[] = [];
    const read = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events.push(decoder.decode(value));
      }
    })();

    const checked = await lobby(token, 'POST', '/device-check', { ...OK_DEVICES, speaker: 'failed' }, cookie);
    expect(await checked.json()).toMatchObject({ phase: 'device_check' });
    const waiting = await lobby(token, 'POST', '/check-in', {}, cookie);
    expect(await waiting.json()).toMatchObject({ phase: 'waiting', checkedInAt: expect.any(String) });

    const visit = await api(service, 'GET', `/api/visits/${id}`, undefined, auth);
    expect(await visit.json()).toMatchObject({ status: 'waiting' });
    const deadline = Date.now() + 3000;
    while (!events.join('').includes('"phase":"waiting"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.join('')).toContain('"phase":"waiting"');
    await reader.cancel();
    await read.catch(() => undefined);

    const timeline = await service.db.query<{ kind: string; detail: Record<string, unknown> }>('SELECT kind, detail FROM visit_events WHERE visit_id = $1 ORDER BY id', [id]);
    // The patient's own steps; the alert job (whose outcome lands in the timeline too) runs on its own pass.
    expect(timeline.map((event) => event.kind).filter((kind) => kind !== 'alert_failed' && kind !== 'clinicians_alerted')).toEqual(['created', 'identified', 'device_check', 'checked_in']);
    expect(timeline[2]?.detail).toMatchObject({ failed: 'speaker' });
  });

  it('says "too early" before the waiting room opens, and will not check anyone in then', async () => {
    const { token } = await newVisit(24 * 60);
    expect(await (await lobby(token, 'GET')).json()).toMatchObject({ phase: 'too_early' });
    expect((await lobby(token, 'POST', '/identify', { firstName: 'Jane', birthYear: 1980 })).status).toBe(409);
  });

  it('serves the same built page for every link, unframeable and uncached', async () => {
    const { token } = await newVisit(10);
    const [real, forged] = await Promise.all([fetch(`${service.url}/lobby/${token}`), fetch(`${service.url}/lobby/forged-token`)]);
    expect(real.status).toBe(200);
    expect(real.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(real.headers.get('cache-control')).toBe('no-store');
    expect(real.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await real.text()).toBe(await forged.text());
  });

  it('lets a link expire an hour after its visit ends', async () => {
    const { token } = await newVisit(10);
    offsetMs = (10 + 30 + 59) * 60_000;
    try {
      expect((await lobby(token, 'GET')).status).toBe(200);
      offsetMs = (10 + 30 + 61) * 60_000;
      const expired = await lobby(token, 'GET');
      expect(expired.status).toBe(404);
      expect(await expired.text()).not.toMatch(/Lee|start/);
    } finally {
      offsetMs = 0;
    }
  });

  it('answers forged, unknown and revoked links alike, with nothing about the visit', async () => {
    const { id, token } = await newVisit(10);
    await api(service, 'DELETE', `/api/visits/${id}`, undefined, auth);
    const answers = await Promise.all([token, token.slice(0, -2) + 'AA', 'nonsense'].map(async (t) => {
      const response = await lobby(t, 'GET');
      return { status: response.status, body: await response.text() };
    }));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toBe(answers[0]?.body);
      expect(answer.body).not.toMatch(/Lee|Jane|start/);
    }
  });
});
