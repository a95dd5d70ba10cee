// Starts the Microsoft 365 Agents Playground (a Teams-like chat client, offline) against the local
// Rounds bot. Start Rounds first with `npm start` (dev mode: no BOT_ID); this finds it by itself:
// PORT when set, else the address the running service wrote into DATA_DIR (.data/service-url).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(process.env.DATA_DIR || path.join(repoRoot, '.data'));

function candidates() {
  const urls = [];
  if (process.env.PORT) urls.push(`http://127.0.0.1:${process.env.PORT}`);
  try {
    urls.push(fs.readFileSync(path.join(dataDir, 'service-url'), 'utf8').trim());
  } catch {
    // Not started from this folder yet: the default port is the last guess.
  }
  urls.push('http://127.0.0.1:3978');
  return [...new Set(urls.filter(Boolean))];
}

async function findRounds() {
  for (const url of candidates()) {
    try {
      const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (!health.ok) console.warn(`Rounds at ${url} answers /healthz with ${health.status}; the bot may not reply.`);
      return url;
    } catch {
      // Nothing there: try the next.
    }
  }
  return null;
}

const rounds = await findRounds();
if (!rounds) {
  console.error(`Rounds is not running (tried ${candidates().join(', ')}). Start it first with \`npm start\`, then run \`npm run playground\` again.`);
  process.exit(1);
}

const endpoint = `${rounds}/api/messages`;
const port = process.env.PLAYGROUND_PORT || '56150';
const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
console.log(`Agents Playground -> ${endpoint}. Open http://localhost:${port} and type "help".`);
const child = spawn(process.execPath, [cli, 'start', '-e', endpoint, '-c', 'msteams', '--dt', '-p', port], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
});
child.on('exit', (code) => process.exit(code ?? 0));
