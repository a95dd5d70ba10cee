import fs from 'node:fs/promises';
import path from 'node:path';
import type { Response } from 'restify';
import { AppError } from '../domain/shared/app-error';

/**
 * Sends one of the built pages (tabs/dist) whose address carries its own parameter, e.g. /lobby/<token>:
 * the same HTML for every address, never cached, and the API decides what it shows.
 */
export async function sendBuiltPage(res: Response, tabsDir: string, file: string, headers: Record<string, string>): Promise<void> {
  const html = await fs.readFile(path.join(tabsDir, file), 'utf8').catch(() => null);
  if (html === null) throw new AppError('unavailable', `The page ${file} is not built. Run \`npm run build:tabs\`.`);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(html);
}
