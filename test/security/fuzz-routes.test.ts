/**
 * Every route of the service's own registry, fuzzed (fast-check): hostile bodies, encodings, headers,
 * query strings and path segments, 100 cases per route and run (`FUZZ_RUNS` to change). No answer
 * is a 5xx, none shows the service's insides (an error's text, a stack, a path, a host), error
 * answers keep the `{error:{code,message,field}}` shape, and the service stays up. The service runs in dev mode, so
 * the tab API's handlers are reached past authentication (test/security/auth-table.test.ts covers
 * authentication), and the integration key is sent some of the time.
 */
import { types } from 'node:util';
import fc from 'fast-check';
import type { RouteEntry } from '../../bot/src/http/route-registry';
import type { RoundsService } from '../../bot/src/rounds-service';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { hostileRequests, send } from '../support/hostile-requests';
import { startRoundsForTest } from '../support/rounds-under-test';
import { INTERNALS } from '../support/route-paths';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

// Each run draws a new seed. 100 cases meet each rarer body shape (no body, bytes, oversize,
// compression bomb...) about 5 to 7 times per route, at half the CPU of the former 200 (the suite's
// largest file); FUZZ_RUNS=1000 sweeps deeper.
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);
const INTEGRATION_KEY = 'integration-key-integration-key-integration-key';
/** Routes fuzzed at once: the suite stays near a minute on two cores. */
const PARALLEL = 4;

let connector: ConnectorStandIn;
let service: RoundsService;

beforeAll(async () => {
  // botbuilder and teams-ai write what they refuse to the console.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  connector = await startConnectorStandIn();
  // The local FHIR sandbox is the EHR: patient routes reach it.
  service = await startRoundsForTest({ INTEGRATION_API_KEY: INTEGRATION_KEY, LOBBY_REQUESTS_PER_MINUTE: '1000000' });
  // Generous: start-up (with the FHIR sandbox) on a loaded 2-core machine.
}, SERVICE_START_TIMEOUT_MS);

afterAll(async () => {
  await service.close();
  await connector.close();
});

async function fuzz(route: RouteEntry): Promise<string[]> {
  const problems: string[] = [];
  await fc.assert(
    fc.asyncProperty(hostileRequests(route, { connectorUrl: connector.url, integrationKey: INTEGRATION_KEY }), async (request) => {
      const response = await send(service.url, request);
      const scripted = /javascript|css/.test(response.contentType);
      const problem =
        response.status >= 500
          ? `answered ${response.status}: ${response.body.slice(0, 300)}`
          : !scripted && INTERNALS.test(response.body)
            ? `shows internals: ${response.body.slice(0, 300)}`
            : response.status >= 400 && response.contentType.startsWith('application/json') && !isErrorBody(response.body)
              ? `error body not {error:{code,message}}: ${response.body.slice(0, 300)}`
              : null;
      if (problem) problems.push(`${request.label}: ${problem}`);
      return problem === null;
    }),
    { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
  ).catch((error: unknown) => {
    // The counterexample itself may be megabytes: the problem above names it; keep the seed to replay,
    // and what the property threw when it threw (a request that got no answer).
    const seed = /seed: (-?\d+)/.exec(String(error))?.[1];
    const cause: unknown = (error as { cause?: unknown }).cause;
    const thrown = types.isNativeError(cause) ? cause.message.slice(0, 300) : null;
    problems.push(`${route.method} ${route.path}: failed (seed ${seed ?? '?'})${thrown ? `: ${thrown}` : ''}`);
  });
  return problems;
}

function isErrorBody(text: string): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    const keys = Object.keys(body.error ?? {}).sort();
    return typeof body.error?.code === 'string' && typeof body.error.message === 'string' && keys.every((key) => ['code', 'field', 'message'].includes(key));
  } catch {
    return false;
  }
}

it('fuzzes every route of the registry: no 5xx, no internals, the service stays up', async () => {
  const routes = [...service.routes.entries];
  expect(routes.length).toBeGreaterThan(45);
  const problems: string[] = [];
  for (let i = 0; i < routes.length; i += PARALLEL) {
    const batch = routes.slice(i, i + PARALLEL);
    for (const found of await Promise.all(batch.map(fuzz))) problems.push(...found);
    // Still up and answering.
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  }
  expect(problems).toEqual([]);
  // A fixed amount of work (some minutes quiet); on a machine whose cores other jobs keep busy
  // (load average 17 on two cores) it took over 5 minutes. The limit is for a hang, not for speed.
}, 900_000);
