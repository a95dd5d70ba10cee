import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from './database';

/**
 * botbuilder's Storage over our database, so teams-ai turn state survives restarts and is shared by
 * every instance. eTag semantics follow botbuilder's MemoryStorage: a write carrying a stale eTag is
 * refused; no eTag or '*' overwrites.
 */
export class SqlBotStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.query<{ key: string; value: Record<string, unknown>; etag: string }>(
      'SELECT key, value, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.value, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const [key, item] of entries) {
        const { eTag, ...value } = (item ?? {}) as Record<string, unknown>;
        const json = JSON.stringify(value);
        const nextEtag = randomUUID();
        if (typeof eTag !== 'string' || eTag === '' || eTag === '*') {
          await tx.query(
            `INSERT INTO bot_state (key, value, etag) VALUES ($1, $2::jsonb, $3)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, etag = EXCLUDED.etag, updated_at = now()`,
            [key, json, nextEtag],
          );
          continue;
        }
        const updated = await tx.query('UPDATE bot_state SET value = $2::jsonb, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4 RETURNING key', [
          key,
          json,
          nextEtag,
          eTag,
        ]);
        if (updated.length > 0) continue;
        const inserted = await tx.query('INSERT INTO bot_state (key, value, etag) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO NOTHING RETURNING key', [
          key,
          json,
          nextEtag,
        ]);
        if (inserted.length === 0) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
