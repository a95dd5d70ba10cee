/**
 * The bot driven the way Teams drives it: Teams-shaped activities POSTed over real HTTP to
 * /api/messages, replies arriving at a local Bot Connector stand-in.
 */
import { SqlBotStorage } from '../../bot/src/storage/sql-bot-storage';
import { SqlInstallationStore } from '../../bot/src/storage/sql-installation-store';
import type { RoundsService } from '../../bot/src/rounds-service';
import { botAddedToTeam, message, TEAM_ID, teamInstallation, USER } from '../support/activities';
import { cardText, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { makeDataDir, NO_SANDBOX, postActivity, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

let connector: ConnectorStandIn;
let service: RoundsService;
let dataDir: string;

beforeAll(async () => {
  connector = await startConnectorStandIn();
  dataDir = await makeDataDir();
  service = await startRoundsForTest({ DATA_DIR: dataDir, ...NO_SANDBOX });
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
});

beforeEach(() => {
  connector.sent.length = 0;
});

afterEach(() => {
  expect(connector.unexpected).toEqual([]);
});

it('answers "help" in a personal chat with a card listing the commands', async () => {
  const response = await postActivity(service, message(connector.url, 'help'));

  expect(response.status).toBe(200);
  expect(connector.sent).toHaveLength(1);
  const [reply] = connector.sent;
  expect(reply?.conversationId).toBe('a:personal-chat-kim');
  expect(reply?.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(reply?.activity.attachments?.[0]?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  expect(cardText(reply!)).toMatch(/What Rounds can do[\s\S]*help Show what Rounds does/);
});

it('answers "@Rounds help" in a channel, in that channel', async () => {
  await postActivity(service, message(connector.url, 'help', { scope: 'channel' }));

  expect(connector.sent).toHaveLength(1);
  expect(connector.sent[0]?.conversationId).toBe(TEAM_ID);
  expect(cardText(connector.sent[0]!)).toMatch(/What Rounds can do/);
});

it('answers an unknown command with the commands it knows, without echoing the message', async () => {
  await postActivity(service, message(connector.url, 'what about Jane Doe MRN 12345'));

  expect(connector.sent).toHaveLength(1);
  const text = cardText(connector.sent[0]!);
  expect(text).toMatch(/didn't understand/);
  expect(text).toMatch(/help/);
  expect(JSON.stringify(connector.sent[0]?.activity)).not.toMatch(/Jane|12345/);
});

it('greets a team once in its General channel when installed, and remembers the installation', async () => {
  const teamId = '19:new-team@thread.tacv2';
  await postActivity(service, teamInstallation(connector.url, 'add', teamId));
  // Teams also sends conversationUpdate(membersAdded) for the same install: no second greeting.
  await postActivity(service, botAddedToTeam(connector.url, teamId));

  expect(connector.sent).toHaveLength(1);
  expect(connector.sent[0]?.conversationId).toBe(teamId);
  expect(cardText(connector.sent[0]!)).toMatch(/Rounds is here[\s\S]*Patients/);
  const stored = await new SqlInstallationStore(service.db).get(teamId);
  expect(stored).toMatchObject({ scope: 'team', teamId, channelId: teamId, removedAt: null });
  expect(stored?.reference).toMatchObject({ serviceUrl: connector.url, conversation: { id: teamId } });
});

it('marks the installation removed when the app is uninstalled from the team', async () => {
  await postActivity(service, teamInstallation(connector.url, 'add'));
  await postActivity(service, teamInstallation(connector.url, 'remove'));

  expect((await new SqlInstallationStore(service.db).get(TEAM_ID))?.removedAt).toBeInstanceOf(Date);
});

it('keeps installations and user state across a restart', async () => {
  await postActivity(service, teamInstallation(connector.url, 'add'));
  await postActivity(service, message(connector.url, 'help', { localTimezone: 'Europe/Amsterdam' }));
  await service.close();

  service = await startRoundsForTest({ DATA_DIR: dataDir, ...NO_SANDBOX });

  expect(await new SqlInstallationStore(service.db).get(TEAM_ID)).toMatchObject({ scope: 'team', removedAt: null });
  const userStateKey = `msteams/${'28:rounds-bot'}/users/${USER.id}`;
  const state = await new SqlBotStorage(service.db).read([userStateKey]);
  expect(state[userStateKey]).toMatchObject({ timeZone: 'Europe/Amsterdam' });
  // The restarted bot still answers.
  await postActivity(service, message(connector.url, 'help'));
  expect(cardText(connector.sent.at(-1)!)).toMatch(/What Rounds can do/);
});

it('refuses a malformed activity with 400 and sends nothing', async () => {
  const response = await fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ error: { code: 'validation', message: 'type is required', field: 'type' } });
  expect(connector.sent).toHaveLength(0);
});
