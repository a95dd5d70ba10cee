/**
 * The data layer on both backends: embedded PGlite always, and a PostgreSQL server when DATABASE_URL
 * is set (CI). Same SQL, same assertions. What each store does is its contract (store-contracts.test.ts);
 * here: migrations, transactions, the schema's own guards, NOTIFY and PGlite's folder.
 */
import path from 'node:path';
import { openPgliteDatabase } from '../../bot/src/storage/pglite-database';
import { openPostgresDatabase } from '../../bot/src/storage/postgres-database';
import { migrate } from '../../bot/src/storage/migrate';
import { migrations } from '../../bot/src/storage/migrations';
import type { Database } from '../../bot/src/storage/database';
import { SqlInstallationStore } from '../../bot/src/storage/sql-installation-store';
import { SqlListStore } from '../../bot/src/storage/sql-list-store';
import { copyMigratedPglite } from '../support/pglite-template';
import { createScratchDatabase, postgresUrl } from '../support/postgres';
import { makeTempDir } from '../support/test-temp';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

interface Backend {
  name: string;
  open(): Promise<{ db: Database; dispose: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    // In a new folder, as the service's first start makes it (initdb, then the migrations below).
    name: 'PGlite',
    open: async () => {
      const db = await openPgliteDatabase(await makeTempDir('rounds-pglite-'));
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
  // A copy of the tests' migrated folder (test/support/pglite-template.ts): another initdb would cost about 4 s of CPU.
  const dir = path.join(await makeTempDir('rounds-pglite-'), 'pglite');
  await copyMigratedPglite(dir);
  const first = await openPgliteDatabase(dir);
  expect(await migrate(first)).toEqual([]);
  await new SqlInstallationStore(first).upsertActive(installation('19:persisted'));
  await first.close();
  const second = await openPgliteDatabase(dir);
  expect(await migrate(second)).toEqual([]);
  expect(await new SqlInstallationStore(second).get('19:persisted')).not.toBeNull();
  await second.close();
});
