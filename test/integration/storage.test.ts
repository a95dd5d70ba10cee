/**
 * The data layer on both backends: embedded PGlite always, and a PostgreSQL server when DATABASE_URL
 * is set (CI). Same SQL, same assertions.
 */
import { openPgliteDatabase } from '../../bot/src/storage/pglite-database';
import { openPostgresDatabase } from '../../bot/src/storage/postgres-database';
import { migrate } from '../../bot/src/storage/migrate';
import { migrations } from '../../bot/src/storage/migrations';
import type { Database } from '../../bot/src/storage/database';
import { SqlBotStorage } from '../../bot/src/storage/sql-bot-storage';
import { SqlInstallationStore } from '../../bot/src/storage/sql-installation-store';
import { SqlListStore } from '../../bot/src/storage/sql-list-store';
import { createScratchDatabase, postgresUrl } from '../support/postgres';
import { SERVICE_START_TIMEOUT_MS } from '../support/rounds-under-test';

interface Backend {
  name: string;
  open(): Promise<{ db: Database; dispose: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    open: async () => {
      const db = await openPgliteDatabase(null);
      return { db, dispose: () => db.close() };
    },
  },
];
if (postgresUrl) {
  const adminUrl = postgresUrl;
  backends.push({
    name: 'PostgreSQL',
    open: async () => {
      const scratch = await createScratchDatabase(adminUrl);
      const db = openPostgresDatabase(scratch.url, (error) => {
        throw error;
      });
      return {
        db,
        dispose: async () => {
          await db.close();
          await scratch.drop();
        },
      };
    },
  });
}

const installation = (conversationId: string, tenantId = 'tenant-a') => ({
  conversationId,
  tenantId,
  scope: 'team' as const,
  teamId: 'team-1',
  channelId: conversationId,
  reference: { serviceUrl: 'https://smba.example/amer/', conversation: { id: conversationId } },
});

describe.each(backends)('storage on $name', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
    await migrate(db);
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(async () => {
    await dispose();
  });

  describe('migrations', () => {
    it('applies each migration once and records it', async () => {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows.map((row) => row.id)).toEqual(migrations.map((m) => m.id));
    });

    it('rolls back a failing migration completely', async () => {
      const broken = { id: '9999-broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' };
      await expect(migrate(db, [broken])).rejects.toThrow();
      expect(await db.query("SELECT 1 FROM schema_migrations WHERE id = '9999-broken'")).toHaveLength(0);
      expect(await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")).toHaveLength(0);
    });
  });

  describe('transactions', () => {
    it('roll back every statement when the work throws', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO bot_state (key, value, etag) VALUES ('tx-probe', '{}'::jsonb, 'e1')");
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await db.query("SELECT 1 FROM bot_state WHERE key = 'tx-probe'")).toHaveLength(0);
    });
  });

  describe('bot state storage', () => {
    it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
      const storage = new SqlBotStorage(db);
      await storage.write({ 'msteams/conv-1': { count: 1, nested: { when: 'today' } } });
      const items = await storage.read(['msteams/conv-1', 'missing']);
      expect(items['msteams/conv-1']).toMatchObject({ count: 1, nested: { when: 'today' } });
      expect(typeof items['msteams/conv-1'].eTag).toBe('string');
      expect(items).not.toHaveProperty('missing');
    });

    it('refuses a write carrying a stale eTag and keeps the newer value', async () => {
      const storage = new SqlBotStorage(db);
      await storage.write({ 'conflict-key': { v: 1 } });
      const first = (await storage.read(['conflict-key']))['conflict-key'];
      await storage.write({ 'conflict-key': { ...first, v: 2 } });
      await expect(storage.write({ 'conflict-key': { ...first, v: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['conflict-key']))['conflict-key']).toMatchObject({ v: 2 });
    });

    it("overwrites regardless with eTag '*'", async () => {
      const storage = new SqlBotStorage(db);
      await storage.write({ 'star-key': { v: 1 } });
      await storage.write({ 'star-key': { v: 9, eTag: '*' } });
      expect((await storage.read(['star-key']))['star-key']).toMatchObject({ v: 9 });
    });

    it('deletes keys', async () => {
      const storage = new SqlBotStorage(db);
      await storage.write({ 'gone-key': { v: 1 } });
      await storage.delete(['gone-key']);
      expect(await storage.read(['gone-key'])).toEqual({});
    });
  });

  describe('installations', () => {
    it('reports an installation as new once, then refreshes its reference', async () => {
      const store = new SqlInstallationStore(db);
      expect(await store.upsertActive(installation('19:chan-a'))).toEqual({ isNew: true });
      const moved = { ...installation('19:chan-a'), reference: { serviceUrl: 'https://smba.example/emea/' } };
      expect(await store.upsertActive(moved)).toEqual({ isNew: false });
      expect((await store.get('19:chan-a'))?.reference).toEqual({ serviceUrl: 'https://smba.example/emea/' });
    });

    it('treats a reinstall after removal as new and lists only active installations per tenant', async () => {
      const store = new SqlInstallationStore(db);
      await store.upsertActive(installation('19:chan-b', 'tenant-b'));
      await store.upsertActive(installation('19:chan-c', 'tenant-b'));
      await store.markRemoved('19:chan-b');
      expect((await store.get('19:chan-b'))?.removedAt).toBeInstanceOf(Date);
      expect((await store.listActive('tenant-b')).map((i) => i.conversationId)).toEqual(['19:chan-c']);
      expect(await store.upsertActive(installation('19:chan-b', 'tenant-b'))).toEqual({ isNew: true });
      expect((await store.get('19:chan-b'))?.removedAt).toBeNull();
    });
  });

  // What the stores do is their contract (store-contracts.test.ts); this is the schema's own guard.
  it('refuses a second default list in a channel at the database itself', async () => {
    const channel = { tenantId: 'tenant-l', teamId: 'team-l', channelId: 'chan-l' };
    const store = new SqlListStore(db);
    const a = await store.create(channel, { name: 'A', columns: ['name'] }, 'u');
    const b = await store.create(channel, { name: 'B', columns: ['name'] }, 'u');
    await store.setDefault(b.id);
    await expect(db.query('UPDATE rounding_lists SET is_default = true WHERE id = $1', [a.id])).rejects.toThrow();
  });

  describe('notifications', () => {
    it('delivers NOTIFY to listeners, and a rolled-back NOTIFY to none', async () => {
      const received: string[] = [];
      const unlisten = await db.listen('rounds_probe', (payload) => received.push(payload));
      await db.query("SELECT pg_notify('rounds_probe', 'committed')");
      await db.transaction(async (tx) => {
        await tx.query("SELECT pg_notify('rounds_probe', 'rolled back')");
        throw new Error('abort');
      }).catch(() => undefined);
      await db.query("SELECT pg_notify('rounds_probe', 'last')");
      for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      await unlisten();
      expect(received).toEqual(['committed', 'last']);
    });
  });
});

it('PGlite keeps data in its folder across a reopen', async () => {
  const fs = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-pglite-'));
  const first = await openPgliteDatabase(dir);
  await migrate(first);
  await new SqlInstallationStore(first).upsertActive(installation('19:persisted'));
  await first.close();
  const second = await openPgliteDatabase(dir);
  expect(await migrate(second)).toEqual([]);
  expect(await new SqlInstallationStore(second).get('19:persisted')).not.toBeNull();
  await second.close();
});
