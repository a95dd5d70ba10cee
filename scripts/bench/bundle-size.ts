/**
 * What each built tab page downloads before it shows anything: the entry script and every module it
 * preloads (lazy chunks excluded), gzipped as a server would send them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  page: string;
  initialJsGzipKb: number;
}

const SCRIPT = /<script[^>]*type="module"[^>]*src="([^"]+\.js)"/g;
const PRELOAD = /<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g;

export function pageWeights(distDir: string, base = '/tabs/'): PageWeight[] {
  return fs
    .readdirSync(distDir)
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => {
      const html = fs.readFileSync(path.join(distDir, file), 'utf8');
      const urls = new Set([...html.matchAll(SCRIPT), ...html.matchAll(PRELOAD)].map((match) => match[1] ?? ''));
      const bytes = [...urls].reduce((sum, url) => sum + gzipSync(fs.readFileSync(path.join(distDir, url.replace(base, '')))).length, 0);
      return { page: file.replace(/\.html$/, ''), initialJsGzipKb: Math.round(bytes / 102.4) / 10 };
    });
}
