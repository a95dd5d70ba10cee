// Starts the Microsoft 365 Agents Playground (a Teams-like chat client, offline) against the local
// Rounds bot. Start Rounds first with `npm start` (dev mode: no BOT_ID).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const port = process.env.PORT || '3978';
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

try {
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  if (!health.ok) console.warn(`Rounds answers /healthz with ${health.status}; the bot may not reply.`);
} catch {
  console.error(`Rounds is not running on port ${port}. Start it first with \`npm start\`, then run \`npm run playground\` again.`);
  process.exit(1);
}

console.log(`Agents Playground -> ${endpoint}. Open http://localhost:56150 and type "help".`);
const child = spawn(process.execPath, [cli, 'start', '-e', endpoint, '-c', 'msteams', '--dt', '-p', '56150'], {
  stdio: 'inherit',
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' },
});
child.on('exit', (code) => process.exit(code ?? 0));
