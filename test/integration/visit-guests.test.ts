/**
 * Guests in a visit over real HTTP: the integration API takes family, carers and interpreters and
 * gives each their own lobby link; each is told with a check-in code, checks in with their name and
 * that code, and waits like the patient; clinicians see everyone waiting and admit one or everyone;
 * "let them in when I'm ready" admits everyone checked in when a clinician enters the room; the room
 * holds patient, guests and clinicians up to ROOM_MAX_PARTICIPANTS. PGlite, built-in rooms.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, runJobsUntilIdle, startRoundsForTest, type CapturedLogs } from '../support/rounds-under-test';
import { seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';

const KEY = 'integration-key-0123456789-abcdefghijklmnop';
const auth = { authorization: `Bearer ${KEY}` };
const OK_DEVICES = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 12, userAgent: 'test' };
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const DAUGHTER = { name: 'Ana Okafor', relationship: 'daughter', phone: '+15550001111' };
const INTERPRETER = { name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', email: 'luis@example.org' };

type Guest = { id: string; name: string; relationship: string | null; language: string | null; joinUrl: string };
type VisitBody = { id: string; status: string; patientJoinUrl: string; guests: Guest[]; admitWhenClinicianJoins: boolean; endedAt: string | null };

const tokenOf = (url: string): string => new URL(url).pathname.split('/').pop() ?? '';

let service: RoundsService;
const logs: CapturedLogs = { lines: [] };

beforeAll(async () => {
  service = await startRoundsForTest({ INTEGRATION_API_KEY: KEY, ROOM_MAX_PARTICIPANTS: '3', LOBBY_OPENS_BEFORE_MINUTES: '1440', ...NO_SANDBOX }, logs);
});
afterAll(() => service.close());

let clinicians = 0;
async function createVisit(extra: Record<string, unknown> = {}): Promise<VisitBody> {
  const body = {
    patient: { name: 'Margaret Okafor', birthDate: '1948-03-14' },
    start: inMinutes(10),
    durationMinutes: 30,
    clinicians: [{ name: `Dr Adeyemi ${clinicians++}` }],
    patientContact: { phone: '+15550009999' },
    guests: [DAUGHTER, INTERPRETER],
    ...extra,
  };
  const response = await api(service, 'POST', '/api/visits', body, auth);
  expect(response.status).toBe(201);
  return (await response.json()) as VisitBody;
}

const lobby = (token: string, method: string, path = '', body?: unknown, cookie?: string) => api(service, method, `/api/lobby/${token}${path}`, body, cookie ? { cookie } : {});

/** The check-in code a guest was sent, read from the outbox (where messages stay without a provider). */
async function codeSentTo(recipient: string, visitId: string): Promise<string> {
  await runJobsUntilIdle(service);
  const rows = await service.db.query<{ body: string }>('SELECT body FROM outbox_messages WHERE visit_id = $1 AND recipient = $2 ORDER BY created_at DESC', [visitId, recipient]);
  const code = /check-in code: (\d{6})/.exec(rows[0]?.body ?? '')?.[1];
  if (!code) throw new Error('no code sent');
  return code;
}

/** Identifies (name and code for a guest, nothing asked of a seeded patient) and checks in; returns the lobby cookie. */
async function checkIn(token: string, answer: Record<string, unknown>): Promise<string> {
  const identify = await lobby(token, 'POST', '/identify', answer);
  expect(identify.status).toBe(200);
  const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect((await lobby(token, 'POST', '/device-check', OK_DEVICES, cookie)).status).toBe(200);
  expect((await lobby(token, 'POST', '/check-in', {}, cookie)).status).toBe(200);
  return cookie;
}

async function phaseOf(token: string): Promise<string> {
  return ((await (await lobby(token, 'GET')).json()) as { phase: string }).phase;
}

describe('guests through the integration API', () => {
  it('gives each guest their own lobby link, distinct from the patient’s and from each other', async () => {
    const visit = await createVisit();
    expect(visit.guests).toEqual([
      { id: expect.any(String), name: 'Ana Okafor', relationship: 'daughter', language: null, joinUrl: expect.stringMatching(/^http:\/\/localhost:\d+\/lobby\/[A-Za-z0-9_-]+$/) },
      { id: expect.any(String), name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', joinUrl: expect.stringMatching(/\/lobby\//) },
    ]);
    const links = [visit.patientJoinUrl, ...visit.guests.map((guest) => guest.joinUrl)];
    expect(new Set(links).size).toBe(3);
    const read = (await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, auth)).json()) as VisitBody;
    expect(read.guests).toEqual(visit.guests);
    expect(read.admitWhenClinicianJoins).toBe(false);
    for (const guest of visit.guests) expect(await (await lobby(tokenOf(guest.joinUrl), 'GET')).json()).toMatchObject({ phase: 'identify', identity: { firstName: true, code: true } });
  });

  it('tells each guest by SMS or email with their own link and code, naming no patient in the SMS', async () => {
    const visit = await createVisit();
    await runJobsUntilIdle(service);
    const rows = await service.db.query<{ channel: string; recipient: string; body: string }>('SELECT channel, recipient, body FROM outbox_messages WHERE visit_id = $1 ORDER BY recipient', [visit.id]);
    const [daughterLink, interpreterLink] = visit.guests.map((guest) => guest.joinUrl);
    const sms = rows.find((row) => row.recipient === DAUGHTER.phone);
    const email = rows.find((row) => row.recipient === INTERPRETER.email);
    expect(sms).toMatchObject({ channel: 'sms', body: expect.stringContaining(daughterLink ?? 'none') });
    expect(sms?.body).toMatch(/^Hi Ana, .*Your check-in code: \d{6}$/s);
    expect(sms?.body).not.toMatch(/Margaret|1948/);
    expect(email).toMatchObject({ channel: 'email', body: expect.stringContaining(interpreterLink ?? 'none') });
    expect(rows.filter((row) => row.recipient === '+15550009999')).toHaveLength(1);
  });

  it.each([
    ['a guest with neither phone nor email', { guests: [{ name: 'Ana Okafor' }] }, 'guests.0.phone'],
    ['a guest with a malformed phone number', { guests: [{ name: 'Ana Okafor', phone: '555-1234' }] }, 'guests.0.phone'],
    ['seven guests', { guests: Array.from({ length: 7 }, (_, n) => ({ name: `Guest ${n}`, phone: '+15550001111' })) }, 'guests'],
  ])('answers %s with 400 naming the field', async (_case, extra, field) => {
    const response = await api(service, 'POST', '/api/visits', { patient: { name: 'Margaret Okafor' }, start: inMinutes(20), durationMinutes: 30, ...extra }, auth);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'validation', field } });
  });

  it('revokes every guest link on a reschedule (new links work) and on a cancel', async () => {
    const visit = await createVisit();
    const moved = (await (await api(service, 'PATCH', `/api/visits/${visit.id}`, { start: inMinutes(15) }, auth)).json()) as VisitBody;
    for (const [index, guest] of visit.guests.entries()) {
      expect((await lobby(tokenOf(guest.joinUrl), 'GET')).status).toBe(404);
      const newLink = moved.guests[index]?.joinUrl ?? '';
      expect(newLink).not.toBe(guest.joinUrl);
      expect((await lobby(tokenOf(newLink), 'GET')).status).toBe(200);
    }
    expect((await api(service, 'DELETE', `/api/visits/${visit.id}`, undefined, auth)).status).toBe(200);
    for (const guest of moved.guests) expect((await lobby(tokenOf(guest.joinUrl), 'GET')).status).toBe(404);
  });

  it('switches "let them in when I\'m ready" on and off', async () => {
    const visit = await createVisit({ admitWhenClinicianJoins: true });
    expect(visit.admitWhenClinicianJoins).toBe(true);
    const off = await api(service, 'PATCH', `/api/visits/${visit.id}`, { admitWhenClinicianJoins: false }, auth);
    expect(await off.json()).toMatchObject({ admitWhenClinicianJoins: false, guests: visit.guests });
  });
});

describe('a guest in the lobby', () => {
  it('checks in with their first name and the code sent to them; the timeline says which guest did what', async () => {
    const visit = await createVisit();
    const daughter = visit.guests[0]!;
    const token = tokenOf(daughter.joinUrl);
    const code = await codeSentTo(DAUGHTER.phone, visit.id);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await lobby(token, 'POST', '/identify', { firstName: 'Ana', code: wrong })).status).toBe(403);
    expect((await lobby(token, 'POST', '/identify', { firstName: 'Margaret', code })).status).toBe(403);
    expect((await lobby(token, 'POST', '/device-check', OK_DEVICES)).status).toBe(401);
    await checkIn(token, { firstName: 'ana', code });

    const view = (await (await lobby(token, 'GET')).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ phase: 'waiting', guest: { name: 'Ana Okafor' } });
    expect(JSON.stringify(view)).not.toMatch(/Margaret|1948/);
    // The patient's own link is untouched: the guest checked in, not the patient.
    expect(await phaseOf(tokenOf(visit.patientJoinUrl))).toBe('identify');
    expect(await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, auth)).json()).toMatchObject({ status: 'waiting' });

    const timeline = await service.db.query<{ kind: string; actor: string }>("SELECT kind, actor FROM visit_events WHERE visit_id = $1 AND actor LIKE 'guest:%' ORDER BY id", [visit.id]);
    expect(timeline.map((event) => event.kind)).toEqual(['identity_failed', 'identity_failed', 'identified', 'device_check', 'checked_in', 'link_opened']);
    expect(new Set(timeline.map((event) => event.actor))).toEqual(new Set([`guest:${daughter.id}`]));
  });
});

describe('clinicians and everyone waiting', () => {
  let hour = 0;
  /** A visit of the dev clinician with two guests (own hour each, so none overlap); links as the integration API shows them. */
  async function devVisit(options: { admitWhenClinicianJoins?: boolean } = {}) {
    const seeded = await seedVisit(service, {
      patient: { name: 'Margaret Okafor' },
      start: inMinutes(5 + 60 * hour++),
      guests: [
        { name: 'Ana Okafor', relationship: 'daughter', language: null, phone: '+15550001111', email: null },
        { name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: null, email: 'luis@example.org' },
      ],
      ...options,
    });
    const visit = (await (await api(service, 'GET', `/api/visits/${seeded.id}`, undefined, auth)).json()) as VisitBody;
    const guestTokens = visit.guests.map((guest) => tokenOf(guest.joinUrl));
    // The guests are told (here by a resent invite: seeded visits queue none) with their codes.
    expect((await api(service, 'POST', `/api/me/visits/${seeded.id}/resend`)).status).toBe(200);
    const codes = [await codeSentTo('+15550001111', seeded.id), await codeSentTo('luis@example.org', seeded.id)];
    return { visit, roomId: seeded.meeting?.meetingId ?? '', patient: tokenOf(visit.patientJoinUrl), guests: guestTokens, codes };
  }
  const lobbyView = async (id: string) => (await (await api(service, 'GET', `/api/me/visits/${id}/lobby`)).json()) as { waiting: string | null; people: { participant: string; name: string; checkedInAt: string | null; admittedAt: string | null }[] };

  it('shows everyone waiting, admits one guest, then everyone; the patient’s own admit route still works alone', async () => {
    const { visit, patient, guests, codes } = await devVisit();
    await checkIn(patient, {});
    await checkIn(guests[0]!, { firstName: 'Ana', code: codes[0] });
    await checkIn(guests[1]!, { firstName: 'Luis', code: codes[1] });
    const before = await lobbyView(visit.id);
    expect(before.waiting).toBe('Margaret O. and 2 guests waiting');
    expect(before.people.map((person) => person.name)).toEqual(['Margaret Okafor', 'Ana Okafor', 'Luis Ortega']);
    // A message from the clinician shows in every waiting room of the visit.
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/message`, { text: 'Two minutes' })).status).toBe(200);
    for (const token of [patient, ...guests]) expect(await (await lobby(token, 'GET')).json()).toMatchObject({ messages: [{ text: 'Two minutes', from: 'Dev Clinician' }] });

    const interpreter = before.people[2]!.participant;
    const one = await api(service, 'POST', `/api/me/visits/${visit.id}/admit`, { who: interpreter });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ status: 'in_visit', waiting: 'Margaret O. and 1 guest waiting' });
    expect(await phaseOf(guests[1]!)).toBe('admitted');
    expect(await phaseOf(patient)).toBe('waiting');

    const everyone = await api(service, 'POST', `/api/me/visits/${visit.id}/admit`, { who: 'everyone' });
    expect(await everyone.json()).toMatchObject({ waiting: null });
    for (const token of [patient, ...guests]) expect(await phaseOf(token)).toBe('admitted');
    const admitted = await service.db.query<{ participant: string }>("SELECT detail->>'participant' AS participant FROM visit_events WHERE visit_id = $1 AND kind = 'admitted' ORDER BY id", [visit.id]);
    expect(admitted.map((event) => event.participant)).toEqual([interpreter, 'patient', before.people[1]!.participant]);

    // A visit ends as before, and reads as completed through the integration API.
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/end`)).status).toBe(200);
    expect(await (await api(service, 'GET', `/api/visits/${visit.id}`, undefined, auth)).json()).toMatchObject({ status: 'completed', endedAt: expect.any(String) });
  });

  it('keeps the bodiless admit route for the patient, and refuses someone not checked in or not of the visit', async () => {
    const { visit, patient, guests, codes } = await devVisit();
    await checkIn(guests[0]!, { firstName: 'Ana', code: codes[0] });
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`)).status).toBe(409);
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`, { who: 'guest:00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`, { who: 'someone' })).status).toBe(400);
    await checkIn(patient, {});
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`)).status).toBe(200);
    expect(await phaseOf(patient)).toBe('admitted');
    expect(await phaseOf(guests[0]!)).toBe('waiting');
  });

  it("lets everyone checked in into the room when a clinician enters, with \"let them in when I'm ready\" (switched on in My visits)", async () => {
    const { visit, roomId, patient, guests, codes } = await devVisit();
    const switched = await api(service, 'POST', `/api/me/visits/${visit.id}/admit-when-ready`, { on: true });
    expect(await switched.json()).toMatchObject({ id: visit.id, admitWhenClinicianJoins: true });
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit-when-ready`, { on: 'yes' })).status).toBe(400);
    await checkIn(patient, {});
    await checkIn(guests[0]!, { firstName: 'Ana', code: codes[0] });
    expect(await phaseOf(patient)).toBe('waiting');
    const controller = new AbortController();
    const stream = await fetch(`${service.url}/api/rooms/${roomId}/events?peer=clinician-tab`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    try {
      const deadline = Date.now() + 5_000;
      while ((await phaseOf(patient)) !== 'admitted' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await phaseOf(patient)).toBe('admitted');
      expect(await phaseOf(guests[0]!)).toBe('admitted');
      expect(await phaseOf(guests[1]!)).toBe('identify');
      expect((await lobbyView(visit.id)).waiting).toBeNull();
      // The interpreter arrives while the clinician is in the room: in at once.
      await checkIn(guests[1]!, { firstName: 'Luis', code: codes[1] });
      expect(await phaseOf(guests[1]!)).toBe('admitted');
    } finally {
      controller.abort();
    }
  });

  it('holds patient, guests and clinician together up to ROOM_MAX_PARTICIPANTS, and says so past it', async () => {
    const { visit, roomId, patient, guests, codes } = await devVisit();
    await checkIn(patient, {});
    await checkIn(guests[0]!, { firstName: 'Ana', code: codes[0] });
    await checkIn(guests[1]!, { firstName: 'Luis', code: codes[1] });
    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`, { who: 'everyone' })).status).toBe(200);
    const controllers: AbortController[] = [];
    const enter = async (peer: string, token?: string) => {
      const controller = new AbortController();
      controllers.push(controller);
      return fetch(`${service.url}/api/rooms/${roomId}/events?peer=${peer}`, { signal: controller.signal, headers: token ? { 'x-room-patient': token } : {} });
    };
    try {
      expect((await enter('clinician-tab')).status).toBe(200);
      expect((await enter('patient-phone', patient)).status).toBe(200);
      const guest = await enter('daughter-phone', guests[0]);
      expect(guest.status).toBe(200);
      const reader = guest.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes('event: welcome')) text += (await reader.read()).value ?? '';
      expect(text).toContain('"role":"guest"');

      const fourth = await enter('interpreter-laptop', guests[1]);
      expect(fourth.status).toBe(409);
      expect(await fourth.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('full: it holds 3 people') } });
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });
});
