/**
 * npm run bench:startup — how long `npm start` takes until GET /healthz answers 200: first from a fresh
 * data folder with the tab pages to build (as after a clone or a change to the tabs), then a second
 * start on the same data with nothing changed (the tab build is skipped, the database reopened).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const PORT = 3990;
const repoRoot = path.resolve(__dirname, '..', '..');

/** Starts `npm start`, returns the milliseconds until it is healthy, and stops it. */
async function timeStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: repoRoot, env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir }, stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) return Math.round(performance.now() - started);
      if (performance.now() - started > 120_000) throw new Error('no healthy answer within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    // npm start runs a child process tree: stop the whole group, and wait until the port is free again.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-bench-startup-'));
  try {
    // As after a clone: the tab pages are built on the first start.
    await fs.rm(path.join(repoRoot, 'tabs', 'dist', '.sources-hash'), { force: true });
    const first = await timeStart(dataDir);
    const second = await timeStart(dataDir);
    console.log(`bench:startup first_ms=${first} second_ms=${second}`);
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
