/**
 * People search over real HTTP, in dev mode: the members of the teams Rounds is installed in, as the
 * Bot Connector stand-in lists them, matched on word starts of name and email; the dev identity when
 * no team has Rounds yet; each team's list kept five minutes (the service's clock moves); a team Teams
 * will not list is left out until it answers again; another organisation's teams are never searched.
 */
import type { PeopleResponse } from '../../bot/src/contracts/people-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { inTenant, teamInstallation, TEAM_ID } from '../support/activities';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { NO_SANDBOX, postActivity, startRoundsForTest } from '../support/rounds-under-test';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

/** The tab API's organisation in dev mode. */
const TENANT = 'dev-tenant';
const OTHER_TEAM = '19:other-org-team@thread.tacv2';
const DEV = { aadObjectId: 'dev-user', name: 'Dev Clinician', email: null };
const LEE = { id: '29:lee', name: 'Dr Amy Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1', email: 'amy.lee@ward7.example' };
const OKAFOR = { id: '29:okafor', name: 'Dr Okafor', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a2', userPrincipalName: 'okafor@ward7.example' };
const NUNEZ = { id: '29:nunez', name: 'José Núñez', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a3' };
/** A member Teams lists without an Entra id (nothing Rounds could address). */
const NO_ID = { id: '29:guest', name: 'Dr Guest' };

let connector: ConnectorStandIn;
let service: RoundsService;
let nowMs = Date.now();

beforeAll(async () => {
  connector = await startConnectorStandIn();
  service = await startRoundsForTest(NO_SANDBOX, undefined, { now: () => new Date(nowMs) });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
});

afterEach(() => {
  expect(connector.unexpected).toEqual([]);
});

async function search(q: string): Promise<PeopleResponse['people']> {
  const response = await api(service, 'GET', `/api/people?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as PeopleResponse).people;
}
const names = async (q: string) => (await search(q)).map((person) => person.name);

describe('people search', () => {
  it('finds the dev identity before Rounds is in any team', async () => {
    expect(await search('dev cl')).toEqual([DEV]);
    expect(await search('nobody')).toEqual([]);
  });

  it('refuses a query shorter than 2 characters, naming the field', async () => {
    const response = await api(service, 'GET', '/api/people?q=a');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'validation', message: 'q must have at least 2 characters', field: 'q' } });
  });

  it('searches the members of the teams Rounds is in, on word starts of name and email', async () => {
    connector.members.set(TEAM_ID, [LEE, OKAFOR, NUNEZ, NO_ID, { ...LEE, id: '29:lee-again' }]);
    connector.members.set(OTHER_TEAM, [{ id: '29:elsewhere', name: 'Dr Elsewhere', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000ff' }]);
    await postActivity(service, inTenant(teamInstallation(connector.url, 'add'), TENANT));
    await postActivity(service, inTenant(teamInstallation(connector.url, 'add', OTHER_TEAM), 'another-tenant'));

    expect(await search('lee')).toEqual([{ aadObjectId: LEE.aadObjectId, name: 'Dr Amy Lee', email: 'amy.lee@ward7.example' }]);
    expect(await names('AMY L')).toEqual(['Dr Amy Lee']);
    expect(await names('ee')).toEqual([]);
    expect(await search('okafor@ward7')).toEqual([{ aadObjectId: OKAFOR.aadObjectId, name: 'Dr Okafor', email: 'okafor@ward7.example' }]);
    expect(await names('ward7')).toEqual(['Dr Amy Lee', 'Dr Okafor']);
    expect(await names('jose nu')).toEqual(['José Núñez']);
    // Everyone with an Entra id, each once, names starting with what was typed first; never the other organisation's.
    expect(await names('dr')).toEqual(['Dr Amy Lee', 'Dr Okafor']);
  });

  it('keeps a team’s members five minutes', async () => {
    connector.members.set(TEAM_ID, [LEE, OKAFOR, { id: '29:new', name: 'Dr Newcomer', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a4' }]);
    expect(await names('dr')).toEqual(['Dr Amy Lee', 'Dr Okafor']);

    nowMs += 5 * 60_000 + 1;
    expect(await names('dr')).toEqual(['Dr Amy Lee', 'Dr Newcomer', 'Dr Okafor']);
  });

  it('leaves out a team Teams will not list, and asks again on the next search', async () => {
    nowMs += 5 * 60_000 + 1;
    connector.failNext({ method: 'GET', conversationId: TEAM_ID, status: 403, code: 'BotNotInConversationRoster' });

    expect(await names('dr')).toEqual([]);
    expect(connector.failed).toEqual([`GET ${TEAM_ID} 403`]);
    expect(await names('dr')).toEqual(['Dr Amy Lee', 'Dr Newcomer', 'Dr Okafor']);
  });
});
