/**
 * The Graph meeting provider over real HTTP against a fake Entra ID + Graph that checks every request
 * against Microsoft's documented contract: idempotent create, lobby settings, reschedule, cancel,
 * throttling, token refresh and the errors an administrator has to act on.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../bot/src/domain/shared/app-error';
import type { Clinician, Visit, VisitMeeting } from '../../bot/src/domain/visits/visit-types';
import { GraphFailure } from '../../bot/src/graph/graph-failure';
import { createGraphMeetingProvider, type GraphMeetingProviderDeps, MEETING_SUBJECT } from '../../bot/src/meetings/graph-meeting-provider';
import { closedPort } from '../support/fake-ehr';
import { type FakeGraph, ORGANIZER_ID, startFakeGraph } from '../fakes/fake-graph';

const DR_OKAFOR = 'bbbbbbbb-0000-0000-0000-000000000001';
const DR_LEE = 'bbbbbbbb-0000-0000-0000-000000000002';
const PATIENT_NAME = 'Ada Lovelace';
const REASON = 'Chest pain follow-up';
const START = new Date('2030-03-01T15:00:00Z');

let graph: FakeGraph;
let sleeps: number[];

beforeEach(async () => {
  graph = await startFakeGraph({ users: [DR_OKAFOR, DR_LEE] });
  sleeps = [];
});

afterEach(async () => {
  expect(graph.unexpected).toEqual([]);
  await graph.close();
});

const provider = (deps: GraphMeetingProviderDeps = {}, config = graph.config) =>
  createGraphMeetingProvider(config, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    http: { random: () => 0 },
    ...deps,
  });

const clinician = (aadObjectId: string | null, name: string, email: string | null = null): Clinician => ({ aadObjectId, name, email });

function visit(overrides: Partial<Visit> = {}): Visit {
  const now = new Date('2030-02-01T09:00:00Z');
  return {
    id: randomUUID(),
    tenantId: graph.config.tenantId,
    patient: { fhirId: 'p-1', name: PATIENT_NAME, givenName: 'Ada', mrn: 'MRN-0042', birthDate: '1815-12-10' },
    start: START,
    durationMinutes: 30,
    clinicians: [clinician(DR_OKAFOR, 'Dr Okafor', 'okafor@contoso.example'), clinician(DR_LEE, 'Dr Lee', 'lee@contoso.example')],
    reason: REASON,
    contact: { phone: '+15551234567', email: 'ada@example.org' },
    notify: ['sms'],
    status: 'pending',
    meeting: null,
    origin: { conversationId: null, teamId: null, channelId: null },
    announceIn: null,
    timeZone: 'Europe/London',
    createdBy: { id: 'u-1', name: 'Dr Okafor' },
    createdAt: now,
    updatedAt: now,
    version: 1,
    scheduleVersion: 1,
    cancelledAt: null,
    endedAt: null,
    guests: [],
    admitWhenClinicianJoins: false,
    ...overrides,
  };
}

const calls = (method: string, suffix = '') => graph.graphRequests().filter((r) => r.method === method && r.path.endsWith(suffix));

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('create', () => {
  it('creates a Teams meeting organised by the first clinician with an Entra account, whose lobby lets everyone with the link in (Rounds is the gate)', async () => {
    const meeting = await provider().create(visit());

    expect(meeting).toEqual({ provider: 'graph', meetingId: graph.meetings[0]!.id, organizerId: DR_OKAFOR, clinicianJoinUrl: graph.meetings[0]!.joinWebUrl });
    expect(meeting.clinicianJoinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(calls('POST')[0]!.path).toBe(`/v1.0/users/${DR_OKAFOR}/onlineMeetings/createOrGet`);
    expect(graph.meetings[0]).toMatchObject({
      organizerId: DR_OKAFOR,
      startDateTime: '2030-03-01T15:00:00.000Z',
      endDateTime: '2030-03-01T15:30:00.000Z',
      lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: false },
      allowedPresenters: 'organization',
    });
    // Graph's createOrGet takes no lobby settings: they are PATCHed right after.
    expect(calls('PATCH')[0]!.body).toEqual({ lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: false }, allowedPresenters: 'organization' });
  });

  it('keeps the patient out of the meeting: the subject is generic and no request names the patient or the reason', async () => {
    await provider().create(visit());

    expect(graph.meetings[0]!.subject).toBe(MEETING_SUBJECT);
    const sent = JSON.stringify(graph.graphRequests().map((r) => r.body));
    for (const phi of [PATIENT_NAME, 'Ada', 'MRN-0042', REASON, '1815-12-10', 'ada@example.org', '+15551234567']) expect(sent).not.toContain(phi);
  });

  it('invites the other clinicians with an Entra account as attendees, by object id and UPN', async () => {
    const clinicians = [
      clinician(null, 'Locum without a Teams account', 'locum@agency.example'),
      clinician(DR_OKAFOR, 'Dr Okafor', 'okafor@contoso.example'),
      clinician(DR_LEE, 'Dr Lee', 'lee@contoso.example'),
      clinician(DR_LEE.toUpperCase(), 'Dr Lee again', null),
    ];
    await provider().create(visit({ clinicians }));

    expect(graph.meetings[0]!.organizerId).toBe(DR_OKAFOR);
    expect(graph.meetings[0]!.attendees).toEqual([{ identity: { user: { id: DR_LEE } }, upn: 'lee@contoso.example', role: 'attendee' }]);
  });

  it('falls back to GRAPH_ORGANIZER_ID when no clinician has an Entra account', async () => {
    const meeting = await provider().create(visit({ clinicians: [clinician(null, 'Dr Who', 'who@contoso.example')] }));

    expect(meeting.organizerId).toBe(ORGANIZER_ID);
    expect(calls('POST')[0]!.path).toBe(`/v1.0/users/${ORGANIZER_ID}/onlineMeetings/createOrGet`);
    expect(graph.meetings[0]!.attendees).toEqual([]);
  });

  it('is idempotent: the same visit twice gives one meeting and one lobby PATCH', async () => {
    const meetings = provider();
    const theVisit = visit();

    const first = await meetings.create(theVisit);
    const second = await meetings.create(theVisit);

    expect(second).toEqual(first);
    expect(graph.meetings).toHaveLength(1);
    expect(calls('POST').map((r) => r.status)).toEqual([201, 200]);
    expect(calls('PATCH')).toHaveLength(1);
    expect(calls('POST').map((r) => (r.body as { externalId: string }).externalId)).toEqual([theVisit.id, theVisit.id]);
  });

  it('finishes the lobby settings on retry when the first attempt failed after Graph made the meeting', async () => {
    let patchesFail = true;
    const flaky: typeof fetch = (input, init) =>
      patchesFail && init?.method === 'PATCH' ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
    const meetings = provider({ fetch: flaky });
    const theVisit = visit();

    const error = await rejection(meetings.create(theVisit));
    expect(error.code).toBe('unavailable');
    expect(graph.meetings[0]!.allowedPresenters).toBe('everyone');

    patchesFail = false;
    await meetings.create(theVisit);
    expect(graph.meetings).toHaveLength(1);
    expect(graph.meetings[0]).toMatchObject({ allowedPresenters: 'organization', lobbyBypassSettings: { scope: 'everyone' } });
  });

  it('moves an existing meeting to the times of a visit rescheduled while its meeting was pending', async () => {
    const meetings = provider();
    const theVisit = visit();
    await meetings.create(theVisit);

    await meetings.create({ ...theVisit, start: new Date('2030-03-02T10:00:00Z'), durationMinutes: 45 });

    expect(graph.meetings[0]).toMatchObject({ startDateTime: '2030-03-02T10:00:00.000Z', endDateTime: '2030-03-02T10:45:00.000Z' });
    expect(calls('PATCH')[1]!.body).toEqual({ startDateTime: '2030-03-02T10:00:00.000Z', endDateTime: '2030-03-02T10:45:00.000Z' });
  });

  it('reuses one token until shortly before it expires', async () => {
    let now = 1_900_000_000_000;
    const meetings = provider({ now: () => now });

    await meetings.create(visit());
    await meetings.create(visit());
    expect(graph.tokenRequests()).toHaveLength(1);

    now += (3599 - 300) * 1000;
    await meetings.create(visit());
    expect(graph.tokenRequests()).toHaveLength(2);
    expect(graph.tokenRequests()[0]!.body).toEqual({
      grant_type: 'client_credentials',
      client_id: graph.config.clientId,
      client_secret: graph.config.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
  });
});

describe('reschedule and cancel', () => {
  async function created(): Promise<{ theVisit: Visit; meeting: VisitMeeting; meetings: ReturnType<typeof provider> }> {
    const meetings = provider();
    const theVisit = visit();
    return { theVisit, meeting: await meetings.create(theVisit), meetings };
  }

  it('reschedule PATCHes both the start and the end', async () => {
    const { theVisit, meeting, meetings } = await created();

    await meetings.reschedule({ ...theVisit, start: new Date('2030-03-05T08:30:00Z'), durationMinutes: 20 }, meeting);

    const patch = calls('PATCH')[1]!;
    expect(patch.path).toBe(`/v1.0/users/${DR_OKAFOR}/onlineMeetings/${encodeURIComponent(meeting.meetingId)}`);
    expect(patch.body).toEqual({ startDateTime: '2030-03-05T08:30:00.000Z', endDateTime: '2030-03-05T08:50:00.000Z' });
    expect(graph.meetings[0]).toMatchObject({ startDateTime: '2030-03-05T08:30:00.000Z', endDateTime: '2030-03-05T08:50:00.000Z' });
  });

  it('cancel DELETEs the meeting, and cancelling again is fine', async () => {
    const { theVisit, meeting, meetings } = await created();

    await meetings.cancel(theVisit, meeting);
    await meetings.cancel(theVisit, meeting);

    expect(graph.meetings[0]!.deleted).toBe(true);
    expect(calls('DELETE').map((r) => r.status)).toEqual([204, 404]);
  });

  it('ends the meeting of a visit that ended by deleting it: its join link stops working; ending again is fine', async () => {
    const { theVisit, meeting, meetings } = await created();
    expect(graph.joinable(meeting.clinicianJoinUrl)).toBe(true);

    await meetings.end(theVisit, meeting);
    await meetings.end(theVisit, meeting);

    expect(graph.joinable(meeting.clinicianJoinUrl)).toBe(false);
    expect(calls('DELETE').map((r) => [r.path, r.status])).toEqual([
      [`/v1.0/users/${DR_OKAFOR}/onlineMeetings/${encodeURIComponent(meeting.meetingId)}`, 204],
      [`/v1.0/users/${DR_OKAFOR}/onlineMeetings/${encodeURIComponent(meeting.meetingId)}`, 404],
    ]);
  });

  it('reports a Graph outage while ending a meeting as unavailable (the end job retries it)', async () => {
    const { theVisit, meeting, meetings } = await created();
    graph.failNext(4, 'unavailable');

    const error = await rejection(meetings.end(theVisit, meeting));

    expect(error.code).toBe('unavailable');
    expect(graph.joinable(meeting.clinicianJoinUrl)).toBe(true);
  });

  it('reports a meeting deleted in Teams as not found when it is rescheduled', async () => {
    const { theVisit, meeting, meetings } = await created();
    await meetings.cancel(theVisit, meeting);

    const error = await rejection(meetings.reschedule(theVisit, meeting));

    expect(error.code).toBe('not_found');
  });

  it('leaves built-in rooms made before Graph was switched on alone', async () => {
    const room: VisitMeeting = { provider: 'builtin', meetingId: 'room-1', organizerId: null, clinicianJoinUrl: 'https://rounds.example/rooms/room-1' };
    const meetings = provider();

    await meetings.reschedule(visit(), room);
    await meetings.cancel(visit(), room);
    await meetings.end(visit(), room);

    expect(graph.requests).toEqual([]);
  });
});

describe('throttling and outages', () => {
  it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
    graph.failNext(1, 'throttle', { retryAfterSeconds: 3 });

    await provider().create(visit());

    expect(sleeps).toEqual([3000]);
    expect(calls('POST').map((r) => r.status)).toEqual([429, 201]);
  });

  it('gives up as rate limited after four throttled attempts', async () => {
    graph.failNext(10, 'throttle', { retryAfterSeconds: 1 });

    const error = await rejection(provider().create(visit()));

    expect(error.code).toBe('rate_limited');
    expect(calls('POST')).toHaveLength(4);
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('does not wait for a Retry-After longer than a clinician would', async () => {
    graph.failNext(1, 'throttle', { retryAfterSeconds: 120 });

    const error = await rejection(provider().create(visit()));

    expect(error.code).toBe('rate_limited');
    expect(sleeps).toEqual([]);
  });

  it('retries a 503 with backoff, then succeeds', async () => {
    graph.failNext(2, 'unavailable');

    await provider().create(visit());

    expect(sleeps).toEqual([500, 1000]);
    expect(calls('POST').map((r) => r.status)).toEqual([503, 503, 201]);
  });

  it.each([
    ['a 500', 'server-error', 1],
    ['503s that do not stop', 'unavailable', 4],
  ] as const)('reports %s as unavailable, with the Graph error code and request id for the logs', async (_, fault, attempts) => {
    graph.failNext(10, fault);

    const error = await rejection(provider().create(visit()));

    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toBe('Microsoft Graph is not answering right now. Try again in a few minutes.');
    expect(calls('POST')).toHaveLength(attempts);
    const cause = error.cause as GraphFailure;
    expect(cause).toBeInstanceOf(GraphFailure);
    expect(cause.code).toBe(fault === 'server-error' ? 'UnknownError' : 'ServiceUnavailable');
    expect(cause.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports Graph being unreachable as unavailable', async () => {
    const port = await closedPort();
    const config = { ...graph.config, graphBaseUrl: `http://127.0.0.1:${port}/v1.0` };

    const error = await rejection(provider({}, config).create(visit()));

    expect(error).toMatchObject({ code: 'unavailable', userMessage: 'Rounds cannot reach Microsoft Graph right now. Try again in a few minutes.' });
  });
});

describe('authorisation', () => {
  it('gets a fresh token once when Graph refuses the cached one', async () => {
    const meetings = provider();
    await meetings.create(visit());
    graph.revokeTokens();

    await meetings.create(visit());

    expect(graph.tokensIssued).toHaveLength(2);
    expect(calls('POST').map((r) => r.status)).toEqual([201, 401, 201]);
  });

  it('does not loop when Graph refuses a fresh token too', async () => {
    graph.failNext(5, 'unauthorized');

    const error = await rejection(provider().create(visit()));

    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toContain('GRAPH_CLIENT_ID');
    expect(calls('POST')).toHaveLength(2);
    expect(graph.tokensIssued).toHaveLength(2);
  });

  it('tells the administrator to grant an application access policy when Graph has none for Rounds', async () => {
    graph.failNext(1, 'no-policy');

    const error = await rejection(provider().create(visit()));

    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toBe(
      'Microsoft Graph refused to create the meeting: an administrator must grant Rounds an application access policy ' +
        '(New-CsApplicationAccessPolicy / Grant-CsApplicationAccessPolicy) for the organizer. It can take up to 30 minutes to apply.',
    );
    expect(error.userMessage).not.toContain('found for this app');
    expect((error.cause as GraphFailure).code).toBe('Forbidden');
  });

  it('says the organizer is not a user in the organisation when Graph does not know them', async () => {
    const config = { ...graph.config, organizerId: 'cccccccc-0000-0000-0000-00000000000c' };

    const error = await rejection(provider({}, config).create(visit({ clinicians: [clinician(null, 'Dr Who', null)] })));

    expect(error.code).toBe('validation');
    expect(error.userMessage).toContain('GRAPH_ORGANIZER_ID');
  });

  it.each([
    ['a wrong client secret', { clientSecret: 'wrong' }, 'check GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET', 'invalid_client AADSTS7000215'],
    ['an app registered elsewhere', { clientId: '11111111-2222-3333-4444-555555555555' }, 'check GRAPH_CLIENT_ID and GRAPH_TENANT_ID', 'unauthorized_client AADSTS700016'],
    ['a tenant that does not exist', { tenantId: '99999999-0000-0000-0000-000000000000' }, 'check GRAPH_TENANT_ID', 'invalid_request AADSTS90002'],
  ])('names the setting to fix when Entra ID refuses %s', async (_, override, advice, code) => {
    const error = await rejection(provider({}, { ...graph.config, ...override }).create(visit()));

    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toContain(`Rounds could not sign in to Microsoft Graph: ${advice}`);
    expect((error.cause as GraphFailure).code).toBe(code);
    expect(graph.graphRequests()).toEqual([]);
  });

  it('says Entra ID is not answering when its token endpoint cannot be reached', async () => {
    const port = await closedPort();

    const error = await rejection(provider({}, { ...graph.config, authorityUrl: `http://127.0.0.1:${port}` }).create(visit()));

    expect(error).toMatchObject({ code: 'unavailable', userMessage: expect.stringContaining('Microsoft Entra ID is not answering') });
  });

  it('retries an unavailable token endpoint, then says Entra ID is not answering', async () => {
    graph.failNext(4, 'unavailable', { target: 'token' });

    const error = await rejection(provider().create(visit()));

    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.userMessage).toContain('Microsoft Entra ID is not answering');
    expect(graph.tokenRequests()).toHaveLength(4);
  });
});
