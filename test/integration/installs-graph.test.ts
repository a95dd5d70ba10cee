/**
 * Installing Rounds for a message recipient over real HTTP against the fake Entra ID + Graph, which
 * checks the catalog lookup and the install against Microsoft's documented contract: installed,
 * already installed, refusals an administrator has to fix, throttling, token refresh, the cached lookup.
 */
import type { BotInstaller } from '../../bot/src/domain/messages/message-types';
import { createBotInstaller, createGraphBotInstaller, type GraphBotInstallerDeps } from '../../bot/src/installs/graph-bot-installer';
import { closedPort } from '../support/fake-ehr';
import { type FakeGraph, startFakeGraph, TEAMS_APP_ID } from '../fakes/fake-graph';

const DR_OKAFOR = 'bbbbbbbb-0000-0000-0000-000000000001';
const DR_LEE = 'bbbbbbbb-0000-0000-0000-000000000002';

let graph: FakeGraph;
let sleeps: number[];
let warnings: unknown[][];

beforeEach(async () => {
  graph = await startFakeGraph({ users: [DR_OKAFOR, DR_LEE] });
  sleeps = [];
  warnings = [];
});

afterEach(async () => {
  expect(graph.unexpected).toEqual([]);
  await graph.close();
});

const deps = (overrides: GraphBotInstallerDeps = {}): GraphBotInstallerDeps => ({
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  http: { random: () => 0 },
  logger: {
    warn: (...args: unknown[]) => {
      warnings.push(args);
    },
  },
  ...overrides,
});

const installer = (overrides: GraphBotInstallerDeps = {}, config = graph.appInstallConfig): BotInstaller => createGraphBotInstaller(config, deps(overrides));
const tenant = () => graph.appInstallConfig.tenantId;
const catalogLookups = () => graph.graphRequests().filter((r) => r.method === 'GET' && r.path === '/v1.0/appCatalogs/teamsApps');
const installRequests = () => graph.graphRequests().filter((r) => r.method === 'POST' && r.path.endsWith('/teamwork/installedApps'));

it('installs Rounds in the clinician\'s personal scope, binding the app found in the org catalog by its manifest id', async () => {
  const outcome = await createBotInstaller(graph.appInstallConfig, deps())!.installFor(tenant(), DR_OKAFOR);

  expect(outcome).toEqual({ kind: 'installed' });
  const catalogId = graph.catalogApps[0]!.id;
  expect(graph.installations).toEqual([{ userId: DR_OKAFOR, teamsAppId: catalogId }]);
  expect(installRequests()[0]).toMatchObject({
    path: `/v1.0/users/${DR_OKAFOR}/teamwork/installedApps`,
    body: { 'teamsApp@odata.bind': `${graph.appInstallConfig.graphBaseUrl}/appCatalogs/teamsApps/${catalogId}` },
  });
  expect(warnings).toEqual([]);
});

it('is not there to create without the Graph app and TEAMS_APP_ID', () => {
  expect(createBotInstaller(null)).toBeNull();
});

it('reports a clinician who has Rounds already (409)', async () => {
  const rounds = installer();
  await rounds.installFor(tenant(), DR_OKAFOR);

  expect(await rounds.installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'already-installed' });
  expect(graph.installations).toHaveLength(1);
});

it('looks Rounds up in the catalog once, even for installs running together', async () => {
  const rounds = installer();

  const outcomes = await Promise.all([rounds.installFor(tenant(), DR_OKAFOR), rounds.installFor(tenant(), DR_LEE)]);
  await rounds.installFor(tenant(), DR_OKAFOR);

  expect(outcomes).toEqual([{ kind: 'installed' }, { kind: 'installed' }]);
  expect(catalogLookups()).toHaveLength(1);
  expect(installRequests()).toHaveLength(3);
});

describe('not permitted', () => {
  it('when Graph refuses the install (403), and tells the administrator which permission, never who', async () => {
    graph.denyInstall(DR_OKAFOR);

    expect(await installer().installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'not-permitted' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![1]).toMatch(/TeamsAppInstallation\.ReadWriteSelfForUser\.All/);
    expect(JSON.stringify(warnings)).not.toContain(DR_OKAFOR);
    expect(warnings[0]![0]).toEqual({ graph: expect.stringMatching(/^install 403 Forbidden request-id /) });
  });

  it('when the user is not in the organisation (404), with nothing for an administrator to fix', async () => {
    expect(await installer().installFor(tenant(), 'dddddddd-0000-0000-0000-00000000000d')).toEqual({ kind: 'not-permitted' });
    expect(warnings).toEqual([]);
  });

  it('when Rounds is not in the org catalog, and looks again next time (an administrator may publish it meanwhile)', async () => {
    graph.catalogApps.length = 0;
    const rounds = installer();

    expect(await rounds.installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'not-permitted' });
    expect(installRequests()).toEqual([]);
    expect(warnings[0]![1]).toMatch(/not in the organisation's Teams app catalog/);

    graph.catalogApps.push({ id: 'published-later', externalId: TEAMS_APP_ID, displayName: 'Rounds', distributionMethod: 'organization' });
    expect(await rounds.installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'installed' });
    expect(catalogLookups()).toHaveLength(2);
  });

  it('when Graph refuses to read the catalog (403: no AppCatalog.Read.All)', async () => {
    graph.failNext(1, 'no-policy');

    expect(await installer().installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'not-permitted' });
    expect(warnings[0]![1]).toMatch(/AppCatalog\.Read\.All/);
    expect(installRequests()).toEqual([]);
  });

  it('for a clinician of another organisation, without asking Graph', async () => {
    expect(await installer().installFor('11111111-2222-4333-8444-555555555555', DR_OKAFOR)).toEqual({ kind: 'not-permitted' });
    expect(graph.requests).toEqual([]);
  });

  it('when Entra ID refuses Rounds\' credentials, naming the settings to check', async () => {
    const rounds = installer({}, { ...graph.appInstallConfig, clientSecret: 'wrong' });

    expect(await rounds.installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'not-permitted' });
    expect(warnings[0]).toEqual([{ graph: expect.stringMatching(/^token 401 invalid_client AADSTS7000215/) }, expect.stringMatching(/GRAPH_CLIENT_SECRET/)]);
  });
});

describe('unavailable', () => {
  it('when Graph throttles with a Retry-After longer than worth waiting: the caller tries again after it', async () => {
    graph.failNext(1, 'throttle', { retryAfterSeconds: 30 });

    expect(await installer().installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'unavailable', retryAfterMs: 30_000 });
    expect(graph.installations).toEqual([]);
  });

  it('when the install itself is throttled after the lookup', async () => {
    const rounds = installer();
    await rounds.installFor(tenant(), DR_LEE);
    graph.failNext(1, 'throttle', { retryAfterSeconds: 120 });

    expect(await rounds.installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'unavailable', retryAfterMs: 120_000 });
  });

  it('waits out a short Retry-After itself', async () => {
    graph.failNext(1, 'throttle', { retryAfterSeconds: 2 });

    expect(await installer().installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'installed' });
    expect(sleeps).toEqual([2000]);
  });

  it('when Graph keeps failing (5xx) without a Retry-After', async () => {
    graph.failNext(2, 'unavailable');

    expect(await installer({ http: { random: () => 0, maxAttempts: 2 } }).installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'unavailable', retryAfterMs: null });
    expect(warnings).toEqual([]);
  });

  it('when Entra ID cannot be reached', async () => {
    const rounds = installer({ http: { random: () => 0, maxAttempts: 1 } }, { ...graph.appInstallConfig, authorityUrl: `http://127.0.0.1:${await closedPort()}` });

    expect(await rounds.installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'unavailable', retryAfterMs: null });
  });
});

it('takes one fresh token when Graph refuses the cached one (401), then installs', async () => {
  const rounds = installer();
  await rounds.installFor(tenant(), DR_LEE);
  graph.revokeTokens();

  expect(await rounds.installFor(tenant(), DR_OKAFOR)).toEqual({ kind: 'installed' });
  expect(graph.tokenRequests()).toHaveLength(2);
});
