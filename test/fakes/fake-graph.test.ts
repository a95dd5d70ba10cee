/** The fake Graph refuses what real Graph would, so the provider's tests passing means something. */
import { CLIENT_ID, CLIENT_SECRET, type FakeGraph, ORGANIZER_ID, startFakeGraph, TENANT_ID } from './fake-graph';

let graph: FakeGraph;
let token: string;

beforeEach(async () => {
  graph = await startFakeGraph();
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'https://graph.microsoft.com/.default' });
  const response = await fetch(`${graph.config.authorityUrl}/${TENANT_ID}/oauth2/v2.0/token`, { method: 'POST', body: form });
  token = ((await response.json()) as { access_token: string }).access_token;
});

afterEach(() => graph.close());

const meetings = `/users/${ORGANIZER_ID}/onlineMeetings`;
const call = (method: string, path: string, body?: unknown, bearer = token) =>
  fetch(`${graph.config.graphBaseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const create = (body: unknown) => call('POST', `${meetings}/createOrGet`, body);

it('answers createOrGet with 201 and then 200 with the same meeting, and a meeting given only a start lasts an hour', async () => {
  const first = await create({ externalId: 'v-1', startDateTime: '2030-03-01T15:00:00Z' });
  const again = await create({ externalId: 'v-1' });

  expect([first.status, again.status]).toEqual([201, 200]);
  const meeting = (await first.json()) as { id: string; joinWebUrl: string; endDateTime: string };
  expect(((await again.json()) as { id: string }).id).toBe(meeting.id);
  expect(meeting.joinWebUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  expect(meeting.endDateTime).toBe('2030-03-01T16:00:00.0000000Z');
  expect(graph.unexpected).toEqual([]);
});

it.each([
  ['createOrGet without externalId', () => create({ subject: 'Virtual visit' })],
  ['an end without a start', () => create({ externalId: 'v-1', endDateTime: '2030-03-01T15:00:00Z' })],
  ['an unknown property', () => create({ externalId: 'v-1', lobbyBypassSettings: { scope: 'everyone' } })],
  ['an attendee without an object id', () => create({ externalId: 'v-1', participants: { attendees: [{ upn: 'a@b.example' }] } })],
  ['a token it never issued', () => call('POST', `${meetings}/createOrGet`, { externalId: 'v-1' }, 'forged')],
  ['POST /onlineMeetings (Rounds uses createOrGet)', () => call('POST', meetings, { externalId: 'v-1' })],
  ['a GET', () => call('GET', `${meetings}/some-id`)],
])('records %s as unexpected', async (_, send) => {
  const response = await send();

  expect([400, 401, 404]).toContain(response.status);
  expect(graph.unexpected).toHaveLength(1);
});

it('refuses a PATCH that moves only one end of the meeting', async () => {
  const { id } = (await (await create({ externalId: 'v-1' })).json()) as { id: string };

  const response = await call('PATCH', `${meetings}/${encodeURIComponent(id)}`, { startDateTime: '2030-03-01T15:00:00Z' });

  expect(response.status).toBe(400);
  expect(graph.unexpected).toEqual([expect.stringContaining('needs both startDateTime and endDateTime')]);
});

it('answers the next requests with the faults it is told to', async () => {
  graph.failNext(1, 'throttle', { retryAfterSeconds: 7 });
  graph.failNext(1, 'no-policy');

  const throttled = await create({ externalId: 'v-1' });
  const refused = await create({ externalId: 'v-1' });

  expect([throttled.status, throttled.headers.get('retry-after'), refused.status]).toEqual([429, '7', 403]);
  expect(await refused.json()).toMatchObject({ error: { code: 'Forbidden', message: 'No application access policy found for this app.' } });
  expect(graph.meetings).toEqual([]);
  expect(graph.unexpected).toEqual([]);
});
