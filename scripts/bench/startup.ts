/**
 * npm run bench:startup — how long `npm start` takes, from a fresh data folder, until GET /healthz
 * answers 200 (tab build, embedded PostgreSQL initdb, FHIR sandbox seeding included).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PORT = 3990;

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-bench-startup-'));
  const started = performance.now();
  const child = spawn('npm', ['start'], { env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir }, stdio: 'ignore', detached: true });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 120_000) throw new Error('no healthy answer within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`bench:startup healthz_ms=${Math.round(performance.now() - started)}`);
  } finally {
    // npm start runs a child process tree: stop the whole group.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
