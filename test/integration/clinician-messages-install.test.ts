/**
 * A message to a clinician who has not added Rounds, over real HTTP: Teams refuses the personal chat
 * (403), Rounds installs itself for them through Microsoft Graph (the Graph stand-in checks the
 * catalog lookup and the install request), waits, and delivers. When Graph refuses (the organisation
 * does not permit it), the sender's card explains what to do instead, once.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { TEAM_ID, inTenant, teamInstallation, USER } from '../support/activities';
import { answerIn, type ConnectorStandIn, startConnectorStandIn } from '../support/connector-stand-in';
import { NO_SANDBOX, postActivity, runJobsUntilIdle, startRoundsForTest } from '../support/rounds-under-test';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';
import { elementsOf, messageFrom } from '../support/visit-activities';
import { CLIENT_ID, CLIENT_SECRET, startFakeGraph, TEAMS_APP_ID, TENANT_ID, type FakeGraph } from '../fakes/fake-graph';

type Json = ReturnType<typeof JSON.parse>;

const LEE = { id: '29:user-lee', name: 'Dr Lee', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a1' };
const PARK = { id: '29:user-park', name: 'Dr Park', aadObjectId: 'aaaaaaaa-0000-0000-0000-0000000000a3' };

let connector: ConnectorStandIn;
let graph: FakeGraph;
let service: RoundsService;
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);

beforeAll(async () => {
  connector = await startConnectorStandIn();
  connector.members.set(TEAM_ID, [USER, LEE, PARK]);
  graph = await startFakeGraph({ users: [LEE.aadObjectId, PARK.aadObjectId] });
  service = await startRoundsForTest(
    {
      ...NO_SANDBOX,
      GRAPH_TENANT_ID: TENANT_ID,
      GRAPH_CLIENT_ID: CLIENT_ID,
      GRAPH_CLIENT_SECRET: CLIENT_SECRET,
      GRAPH_BASE_URL: graph.appInstallConfig.graphBaseUrl,
      GRAPH_AUTHORITY_URL: graph.appInstallConfig.authorityUrl,
      TEAMS_APP_ID,
    },
    undefined,
    { now: clock },
  );
  await postActivity(service, inTenant(teamInstallation(connector.url, 'add'), TENANT_ID));
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await graph.close();
  await connector.close();
});

afterEach(() => {
  expect(connector.unexpected).toEqual([]);
  expect(graph.unexpected).toEqual([]);
});

const runJobs = () => runJobsUntilIdle(service, clock);

/** Types in the team's channel; returns the sender's card id. */
async function say(text: string): Promise<string> {
  const before = connector.sent.length;
  const activity = inTenant(messageFrom(connector.url, text, { scope: 'channel', conversationId: TEAM_ID }), TENANT_ID);
  const response = await postActivity(service, activity);
  expect(response.status).toBe(200);
  return answerIn(connector.sent, before, activity).id;
}

const cardText = (card: Json): string => (elementsOf(card) as { text?: string }[]).map((element) => element.text ?? '').join('\n');
function latest(activityId: string): string {
  const update = [...connector.updated].reverse().find((updated) => updated.activityId === activityId);
  return cardText(update ? update.activity.attachments![0]!.content : connector.sent.find((sent) => sent.id === activityId)!.activity.attachments![0]!.content);
}
const toPersonalChat = (aadObjectId: string) => connector.sent.filter((sent) => sent.conversationId === `a:personal-${aadObjectId}`);

it('installs Rounds for a recipient who does not have it, then delivers', async () => {
  connector.failNext({ method: 'POST', conversationId: `new:${LEE.aadObjectId}`, status: 403, code: 'Forbidden' });
  const senderCard = await say('message Dr Lee: please call the ward');
  await runJobs();
  expect(graph.installations).toEqual([expect.objectContaining({ userId: LEE.aadObjectId })]);
  expect(toPersonalChat(LEE.aadObjectId)).toHaveLength(0);

  // Teams needs a moment after the install; the delivery is tried again a little later.
  shiftMs = 15_000;
  await runJobs();
  expect(toPersonalChat(LEE.aadObjectId)).toHaveLength(1);
  expect(latest(senderCard)).toMatch(/Delivered at/);
  expect(JSON.stringify(connector.updated.filter((updated) => updated.activityId === senderCard).at(-1))).toMatch(/Rounds added for Dr Lee/);
});

it('tells the sender what to do when the organisation does not let Rounds install itself', async () => {
  graph.denyInstall(PARK.aadObjectId);
  connector.failNext({ method: 'POST', conversationId: `new:${PARK.aadObjectId}`, status: 403, code: 'Forbidden', times: 5 });
  const senderCard = await say('message Dr Park: are you free for a consult?');
  await runJobs();
  expect(toPersonalChat(PARK.aadObjectId)).toHaveLength(0);
  expect(latest(senderCard)).toMatch(/Not delivered: Dr Park has not added Rounds in Teams and it could not be added for them\. Ask them to add Rounds from Apps in Teams, or call them\./);
  const [job] = await service.db.query<{ done: boolean; attempts: number }>("SELECT done_at IS NOT NULL AS done, attempts FROM jobs WHERE kind = 'message.deliver' ORDER BY id DESC LIMIT 1");
  expect(job).toEqual({ done: true, attempts: 1 });
});
