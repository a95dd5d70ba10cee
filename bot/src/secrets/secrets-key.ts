import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The key that encrypts secrets at rest: SECRETS_KEY (base64, 32 bytes) when configured; otherwise a
 * key generated once into DATA_DIR/secrets.key (owner-only), so `npm start` needs no configuration.
 * `generated` tells the caller to warn in production, where the key belongs in a vault.
 */
export async function loadSecretsKey(configured: Buffer | null, dataDir: string): Promise<{ key: Buffer; generated: boolean }> {
  if (configured) return { key: configured, generated: false };
  const file = path.join(dataDir, 'secrets.key');
  try {
    return { key: Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64'), generated: true };
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}
