// Builds the tab pages (vite) only when what they are built from changed since the last build: the
// tabs' sources and pages, the API contracts they import, the build config and the installed
// packages. `npm start` calls it, so a second start skips a build that would produce the same files.
// `--force` always builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'tabs', 'dist');
const stamp = path.join(dist, '.sources-hash');
const inputs = ['tabs', 'bot/src/contracts', 'package-lock.json', 'tsconfig.base.json'];

function* files(entry) {
  const full = path.join(root, entry);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(full).sort()) {
    if (name === 'dist' || name === 'node_modules') continue;
    yield* files(path.join(entry, name));
  }
}

function sourcesHash() {
  const hash = createHash('sha256');
  for (const input of inputs) {
    for (const file of files(input)) hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

const wanted = sourcesHash();
const built = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : null;
if (!process.argv.includes('--force') && built === wanted && fs.existsSync(path.join(dist, 'patients.html'))) {
  console.log('Tab pages are up to date (tabs/dist); not rebuilt.');
  process.exit(0);
}
const vite = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'tabs/vite.config.mts'], { cwd: root, stdio: 'inherit' });
if (vite.status !== 0) process.exit(vite.status ?? 1);
fs.writeFileSync(stamp, `${wanted}\n`);
