/** Starting the sandbox as `npm start` and `bench:list` do: 200 patients, injected latency, request counters. */
import { type Bundle } from '@medplum/fhirtypes';
import { DEFAULT_PAGE_SIZE } from '../../bot/src/sandbox/search-requests';
import { startFhirSandbox, type FhirSandbox } from '../../bot/src/sandbox/start-fhir-sandbox';

const CLIENT = { clientId: 'rounds-local', clientSecret: 'local-secret' };

async function token(sandbox: FhirSandbox): Promise<string> {
  const response = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }).toString(),
  });
  return String(((await response.json()) as { access_token: string }).access_token);
}

describe('startFhirSandbox', () => {
  it('starts 200 patients on 127.0.0.1 and pages them 50 at a time', async () => {
    const sandbox = await startFhirSandbox(CLIENT);
    try {
      console.log(`FHIR sandbox: ${sandbox.resourceCount} resources for 200 patients, started in ${sandbox.startupMs} ms`);
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
      const response = await fetch(`${sandbox.baseUrl}/Patient`, { headers: { authorization: `Bearer ${await token(sandbox)}` } });
      const bundle = (await response.json()) as Bundle;
      expect(bundle.total).toBe(200);
      expect(bundle.entry).toHaveLength(DEFAULT_PAGE_SIZE);
      expect(bundle.link?.find((l) => l.relation === 'next')?.url).toBe(`${sandbox.baseUrl}/Patient?_count=50&_offset=50`);
    } finally {
      await sandbox.close();
    }
  });

  it('delays every /fhir/ request by latencyMs and counts them, metadata and discovery included', async () => {
    const sandbox = await startFhirSandbox({ ...CLIENT, patientCount: 14, latencyMs: 50 });
    try {
      const bearer = await token(sandbox);
      expect(sandbox.fhirRequestCount()).toBe(0);
      const started = performance.now();
      await fetch(`${sandbox.baseUrl}/metadata`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
      await fetch(`${sandbox.baseUrl}/.well-known/smart-configuration`);
      await fetch(`${sandbox.baseUrl}/Patient/pat-0001`, { headers: { authorization: `Bearer ${bearer}` } });
      await fetch(`${sandbox.baseUrl}/Patient/pat-0001`);
      expect(sandbox.fhirRequestCount()).toBe(4);
      expect(sandbox.tokenRequests).toHaveLength(1);

      sandbox.resetCounters();
      expect(sandbox.fhirRequestCount()).toBe(0);
      expect(sandbox.tokenRequests).toHaveLength(0);
    } finally {
      await sandbox.close();
    }
  });
});
