/**
 * npm run bench:lobby — N patients wait in the lobby on realtime connections (Server-Sent Events)
 * against one service process; clinicians admit a sample of them through the bot (an
 * adaptiveCard/action invoke, as a click on Admit sends). Reports admit-to-page-update latency
 * (p50/p99, from sending the invoke to the patient's stream carrying "admitted") and the service's
 * memory per waiting patient (JS heap + external after a full GC), for N = 500 and 2,000 (or the sizes
 * given as arguments).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const KEY = 'bench-lobby-integration-key-0123456789abcdef';
const SAMPLE = 100;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

interface Waiting {
  visitId: string;
  token: string;
  clinicianId: string;
  stream: http.ClientRequest | null;
  admittedAt: number | null;
  onAdmitted: (() => void) | null;
}

function request(port: number, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path: route, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function startService(dataDir: string, port: number): Promise<ChildProcess> {
  // The inspector lets the bench collect garbage before reading memory (see settledMemoryKb).
  const child = spawn(process.execPath, [`--inspect=127.0.0.1:${port + 1000}`, '--import', 'tsx', '--disable-warning=DEP0111', 'bot/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      INTEGRATION_API_KEY: KEY,
      LOBBY_IDENTITY: 'none',
      LOBBY_REQUESTS_PER_MINUTE: '1000000',
      // No EHR is read here: skip starting the FHIR sandbox.
      FHIR_BASE_URL: 'http://127.0.0.1:9/fhir',
      FHIR_CLIENT_ID: 'bench',
      FHIR_CLIENT_SECRET: 'bench',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    const ok = await request(port, 'GET', '/healthz').then((r) => r.status === 200, () => false);
    if (ok) return child;
    if (Date.now() - started > 120_000) throw new Error('the service did not start within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * What the service's JavaScript holds, in kB, after a full garbage collection: V8 heap in use plus
 * external memory (buffers). Read through the service's inspector; resident memory (RSS) moves by tens
 * of megabytes as V8 returns pages lazily, which drowns a per-connection figure.
 */
async function settledMemoryKb(inspectorPort: number): Promise<number> {
  const targets = JSON.parse((await request(inspectorPort, 'GET', '/json/list')).text) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(targets[0]?.webSocketDebuggerUrl ?? '');
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  const call = (id: number, method: string, params: Record<string, unknown> = {}) =>
    new Promise<{ result?: { result?: { value?: string } } }>((resolve) => {
      socket.onmessage = (event: MessageEvent<string>) => {
        const reply = JSON.parse(event.data) as { id?: number; result?: { result?: { value?: string } } };
        if (reply.id === id) resolve(reply);
      };
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call(1, 'HeapProfiler.collectGarbage');
  const usage = await call(2, 'Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
  socket.close();
  const memory = JSON.parse(usage.result?.result?.value ?? '{}') as { heapUsed?: number; external?: number };
  return ((memory.heapUsed ?? 0) + (memory.external ?? 0)) / 1024;
}

async function seed(port: number, count: number): Promise<Waiting[]> {
  const waiting: Waiting[] = [];
  const start = new Date(Date.now() + 10 * 60_000).toISOString();
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async () => {
        const clinicianId = randomUUID();
        const created = await request(port, 'POST', '/api/visits', { patient: { name: 'Bench Patient' }, start, durationMinutes: 30, clinicians: [{ aadObjectId: clinicianId, name: 'Dr Bench' }] }, { authorization: `Bearer ${KEY}` });
        if (created.status !== 201) throw new Error(`visit not created: ${created.status} ${created.text}`);
        const visit = JSON.parse(created.text) as { id: string; patientJoinUrl: string };
        const token = new URL(visit.patientJoinUrl).pathname.split('/').pop() ?? '';
        const checkIn = await request(port, 'POST', `/api/lobby/${token}/check-in`, {});
        if (checkIn.status !== 200) throw new Error(`check-in failed: ${checkIn.status} ${checkIn.text}`);
        return { visitId: visit.id, token, clinicianId, stream: null, admittedAt: null, onAdmitted: null };
      }),
    );
    waiting.push(...batch);
  }
  return waiting;
}

/** Opens the patient's event stream; resolves once its first event (the current view) arrived. */
function openStream(port: number, patient: Waiting): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/api/lobby/${patient.token}/events`, agent: false }, (res) => {
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        if (buffered.includes('event: lobby')) resolve();
        if (patient.admittedAt === null && buffered.includes('"phase":"admitted"')) {
          patient.admittedAt = performance.now();
          patient.onAdmitted?.();
        }
        // Keep only the tail: the stream lives for the whole run.
        if (buffered.length > 4096) buffered = buffered.slice(-2048);
      });
    });
    req.on('error', reject);
    patient.stream = req;
  });
}

/** Answers the bot's card updates as the Bot Connector does, so the admit is not slowed by a dead address. */
async function startConnector(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

function admitInvoke(patient: Waiting, connectorUrl: string): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: `29:${patient.clinicianId}`, name: 'Dr Bench', aadObjectId: patient.clinicianId },
    recipient: { id: '28:rounds-bot', name: 'Rounds' },
    conversation: { id: `a:bench-${patient.clinicianId}`, conversationType: 'personal', tenantId: 'dev-tenant' },
    channelData: { tenant: { id: 'dev-tenant' } },
    value: { action: { type: 'Action.Execute', verb: 'visit.admit', data: { visitId: patient.visitId } }, trigger: 'manual' },
    replyToId: randomUUID(),
  };
}

async function measureAdmits(port: number, sample: Waiting[], connectorUrl: string): Promise<number[]> {
  const latencies: number[] = [];
  for (const patient of sample) {
    const updated = new Promise<void>((resolve) => (patient.onAdmitted = resolve));
    const sent = performance.now();
    const answer = await request(port, 'POST', '/api/messages', admitInvoke(patient, connectorUrl));
    if (answer.status !== 200) throw new Error(`admit failed: ${answer.status} ${answer.text}`);
    await Promise.race([updated, new Promise((_, reject) => setTimeout(() => reject(new Error('no page update within 10 s')), 10_000))]);
    latencies.push((patient.admittedAt ?? sent) - sent);
    if (process.env.BENCH_VERBOSE) process.stderr.write(`  admit ${latencies.length}: ${Math.round(latencies[latencies.length - 1] ?? 0)} ms (answer ${Math.round(performance.now() - sent)} ms)\n`);
  }
  return latencies;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

async function run(size: number): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-bench-lobby-'));
  const port = 4100 + Math.floor(Math.random() * 800);
  let service = await startService(dataDir, port);
  try {
    const progress = (text: string) => process.stderr.write(`  waiting=${size}: ${text}\n`);
    const waiting = await seed(port, size);
    progress(`${size} visits booked and checked in`);
    // A fresh process (the lobby lives in the database), so booking's garbage does not blur the memory figure.
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    service = await startService(dataDir, port);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Memory per waiting patient from the growth between a tenth and all of the streams, so the
    // process's start-up allocations (and their collection) do not count.
    const warm = Math.max(1, Math.floor(size / 10));
    const openAll = async (patients: Waiting[]) => {
      for (let i = 0; i < patients.length; i += 100) await Promise.all(patients.slice(i, i + 100).map((patient) => openStream(port, patient)));
      await new Promise((resolve) => setTimeout(resolve, 3000));
    };
    await openAll(waiting.slice(0, warm));
    const before = await settledMemoryKb(port + 1000);
    await openAll(waiting.slice(warm));
    const after = await settledMemoryKb(port + 1000);
    progress(`${size} event streams open`);
    const sample = waiting.filter((_, index) => index % Math.max(1, Math.floor(size / SAMPLE)) === 0).slice(0, SAMPLE);
    const connector = await startConnector();
    const latencies = await measureAdmits(port, sample, connector.url).finally(() => connector.close());
    for (const patient of waiting) patient.stream?.destroy();
    const kbPerWaiting = (after - before) / (size - warm);
    console.log(`bench:lobby waiting=${size} p50_ms=${percentile(latencies, 50).toFixed(1)} p99_ms=${percentile(latencies, 99).toFixed(1)} kb_per_waiting=${kbPerWaiting.toFixed(1)}`);
  } finally {
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const size of sizes.length > 0 ? sizes : [500, 2000]) await run(size);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
