/** The fake Graph refuses what real Graph would, so the adapters' tests passing means something. */
import { CLIENT_ID, CLIENT_SECRET, type FakeGraph, ORGANIZER_ID, startFakeGraph, TEAMS_APP_ID, TENANT_ID } from './fake-graph';

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

it.each([
  ['a lobby scope Graph does not know', { scope: 'anyone', isDialInBypassEnabled: false }],
  ['a lobby setting Graph does not have', { scope: 'everyone', isDialInBypassEnabled: false, isLobbyEnabled: false }],
  ['an evolvable lobby scope without Prefer: include-unknown-enum-members', { scope: 'invited', isDialInBypassEnabled: false }],
])('refuses a PATCH with %s', async (_, lobbyBypassSettings) => {
  const { id } = (await (await create({ externalId: 'v-1' })).json()) as { id: string };

  const response = await call('PATCH', `${meetings}/${encodeURIComponent(id)}`, { lobbyBypassSettings });

  expect(response.status).toBe(400);
  expect(graph.unexpected).toEqual([expect.stringContaining('lobbyBypassSettings')]);
});

it('lets everyone bypass the lobby when asked, and a deleted meeting can no longer be joined, patched or deleted', async () => {
  const { id, joinWebUrl } = (await (await create({ externalId: 'v-1' })).json()) as { id: string; joinWebUrl: string };
  const path = `${meetings}/${encodeURIComponent(id)}`;

  const patched = await call('PATCH', path, { lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: false } });
  expect(((await patched.json()) as { lobbyBypassSettings: unknown }).lobbyBypassSettings).toEqual({ scope: 'everyone', isDialInBypassEnabled: false });
  expect(graph.joinable(joinWebUrl)).toBe(true);

  expect((await call('DELETE', path)).status).toBe(204);
  expect(graph.joinable(joinWebUrl)).toBe(false);
  expect((await call('DELETE', path)).status).toBe(404);
  expect((await call('PATCH', path, { subject: 'Virtual visit' })).status).toBe(404);
  expect(graph.unexpected).toEqual([]);
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

describe('Teams app catalog and installs', () => {
  const USER = 'cccccccc-0000-0000-0000-00000000000c';
  const lookUp = (filter: string) => call('GET', `/appCatalogs/teamsApps?$filter=${encodeURIComponent(filter)}`);
  const install = (userId: string, body: unknown) => call('POST', `/users/${userId}/teamwork/installedApps`, body);
  const bind = () => ({ 'teamsApp@odata.bind': `${graph.config.graphBaseUrl}/appCatalogs/teamsApps/${graph.catalogApps[0]!.id}` });

  beforeEach(() => graph.users.add(USER));

  it('finds the published app by its manifest id only', async () => {
    const found = (await (await lookUp(`externalId eq '${TEAMS_APP_ID}'`)).json()) as { value: { id: string }[] };
    const other = (await (await lookUp("externalId eq 'f31b1263-ba99-435a-a679-911d24850d7c'")).json()) as { value: unknown[] };

    expect(found.value.map((app) => app.id)).toEqual([graph.catalogApps[0]!.id]);
    expect(other.value).toEqual([]);
    expect(graph.unexpected).toEqual([]);
  });

  it('installs once per user (201, then 409), and refuses users it is told to deny (403) or does not know (404)', async () => {
    graph.denyInstall(ORGANIZER_ID);

    const statuses = [await install(USER, bind()), await install(USER, bind()), await install(ORGANIZER_ID, bind()), await install('no-such-user', bind())].map((r) => r.status);

    expect(statuses).toEqual([201, 409, 403, 404]);
    expect(graph.installations).toEqual([{ userId: USER, teamsAppId: graph.catalogApps[0]!.id }]);
    expect(graph.unexpected).toEqual([]);
  });

  it.each([
    ['a lookup by display name', () => lookUp("displayName eq 'Rounds'")],
    ['a lookup with more than the filter', () => call('GET', `/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq '${TEAMS_APP_ID}'`)}&$top=1`)],
    ['an install binding an app not in the catalog', () => install(USER, { 'teamsApp@odata.bind': `${graph.config.graphBaseUrl}/appCatalogs/teamsApps/${TEAMS_APP_ID}` })],
    ['an install with a bare id', () => install(USER, { teamsApp: graph.catalogApps[0]!.id })],
    ['an install without a token it issued', () => call('POST', `/users/${USER}/teamwork/installedApps`, bind(), 'forged')],
  ])('records %s as unexpected', async (_, send) => {
    const response = await send();

    expect([400, 401]).toContain(response.status);
    expect(graph.unexpected).toHaveLength(1);
  });

  it('answers install requests with queued faults too', async () => {
    graph.failNext(1, 'throttle', { retryAfterSeconds: 3 });

    const throttled = await install(USER, bind());

    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '3']);
    expect(graph.installations).toEqual([]);
  });
});
