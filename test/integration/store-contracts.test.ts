/**
 * The store contracts (bot/src/storage/contract-suites) against the SQL stores, on PGlite and, with
 * DATABASE_URL, on PostgreSQL. The same contracts run against the in-memory twins in the unit project.
 */
import type { NewOutboxMessage } from '../../bot/src/domain/notifications/notification-types';
import type { Database } from '../../bot/src/storage/database';
import { describeAuditLogContract } from '../../bot/src/storage/contract-suites/audit-log.contract';
import { describeJobQueueContract } from '../../bot/src/storage/contract-suites/job-queue.contract';
import { describeListStoreContract } from '../../bot/src/storage/contract-suites/list-store.contract';
import { describeMessageStoreContract } from '../../bot/src/storage/contract-suites/message-store.contract';
import { describeRosterStoreContract } from '../../bot/src/storage/contract-suites/roster-store.contract';
import {
  describeChannelSettingsStoreContract,
  describeOptOutStoreContract,
  describeTeamSettingsStoreContract,
  describeTemplateStoreContract,
} from '../../bot/src/storage/contract-suites/settings-stores.contract';
import { describeOutboxStoreContract, describeSmsReplyStoreContract } from '../../bot/src/storage/contract-suites/notify-stores.contract';
import {
  describeBotStorageContract,
  describeInstallationStoreContract,
  describeRoomDirectoryContract,
  describeSigningKeyStoreContract,
} from '../../bot/src/storage/contract-suites/small-stores.contract';
import { describeWebhookCursorContract } from '../../bot/src/storage/contract-suites/webhook-cursor.contract';
import { describeVisitStatsStoreContract } from '../../bot/src/storage/contract-suites/visit-stats-store.contract';
import { describeLobbyStoreContract } from '../../bot/src/storage/contract-suites/lobby-store.contract';
import { describeVisitStoreContract } from '../../bot/src/storage/contract-suites/visit-store.contract';
import { describeVisitTypeStoreContract } from '../../bot/src/storage/contract-suites/visit-type-store.contract';
import { SqlVisitTypeStore } from '../../bot/src/storage/sql-visit-type-store';
import { SqlAuditLog } from '../../bot/src/storage/sql-audit-log';
import { SqlJobQueue } from '../../bot/src/storage/sql-job-queue';
import { SqlListStore } from '../../bot/src/storage/sql-list-store';
import { SqlMessageStore } from '../../bot/src/storage/sql-message-store';
import { SqlRosterStore } from '../../bot/src/storage/sql-roster-store';
import { SqlChannelSettingsStore } from '../../bot/src/storage/sql-channel-settings-store';
import { SqlOptOutStore } from '../../bot/src/storage/sql-opt-out-store';
import { SqlTeamSettingsStore } from '../../bot/src/storage/sql-team-settings-store';
import { SqlTemplateStore } from '../../bot/src/storage/sql-template-store';
import { SqlOutboxStore } from '../../bot/src/storage/sql-outbox-store';
import { SqlSmsReplyStore } from '../../bot/src/storage/sql-sms-reply-store';
import { SqlBotStorage } from '../../bot/src/storage/sql-bot-storage';
import { SqlInstallationStore } from '../../bot/src/storage/sql-installation-store';
import { SqlRoomDirectory } from '../../bot/src/storage/sql-room-directory';
import { SqlSigningKeyStore } from '../../bot/src/storage/sql-signing-key-store';
import { SqlWebhookCursor } from '../../bot/src/storage/sql-webhook-cursor';
import { SqlVisitStatsStore } from '../../bot/src/storage/sql-visit-stats-store';
import { SqlLobbyStore } from '../../bot/src/storage/sql-lobby-store';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';
import { emptyTables, sqlJobsProbe } from '../support/sql-probes';
import { storageBackends } from '../support/storage-backends';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

describe.each(storageBackends)('store contracts on $name', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;

  // One database per backend; each contract test starts from empty tables.
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(() => dispose());

  const fresh = async () => {
    await emptyTables(db);
    return db;
  };

  describeListStoreContract('SqlListStore', async () => {
    const db = await fresh();
    return {
      store: new SqlListStore(db),
      noteWrittenEarlier: async (minutesAgo, write) => {
        const note = await write();
        const [row] = await db.query<{ created_at: Date }>("UPDATE list_notes SET created_at = created_at - $2 * interval '1 minute' WHERE id = $1 RETURNING created_at", [note.id, minutesAgo]);
        return { ...note, createdAt: new Date(row!.created_at) };
      },
    };
  });

  describeAuditLogContract('SqlAuditLog', async () => {
    const db = await fresh();
    return {
      log: new SqlAuditLog(db),
      lines: async () =>
        (
          await db.query<{ tenant_id: string; team_id: string | null; channel_id: string | null; user_id: string; action: string; list_id: string | null; patient_ref: string | null; detail: Record<string, string | number | boolean> | null }>(
            'SELECT * FROM audit_log ORDER BY id',
          )
        ).map((row) => ({
          tenantId: row.tenant_id,
          teamId: row.team_id,
          channelId: row.channel_id,
          userId: row.user_id,
          action: row.action,
          listId: row.list_id,
          patientRef: row.patient_ref,
          detail: row.detail,
        })),
    };
  });

  describeJobQueueContract('SqlJobQueue', async () => {
    const db = await fresh();
    return { queue: new SqlJobQueue(db), jobs: sqlJobsProbe(db) };
  });

  const visitStores = async () => {
    const db = await fresh();
    return { visits: new SqlVisitStore(db), lobby: new SqlLobbyStore(db), jobs: sqlJobsProbe(db) };
  };
  describeVisitStoreContract('SqlVisitStore', visitStores);
  describeLobbyStoreContract('SqlLobbyStore', visitStores);

  describeMessageStoreContract('SqlMessageStore', async () => {
    const db = await fresh();
    return { store: new SqlMessageStore(db), jobs: sqlJobsProbe(db) };
  });
  describeRosterStoreContract('SqlRosterStore', async () => new SqlRosterStore(await fresh()));
  describeOptOutStoreContract('SqlOptOutStore', async () => new SqlOptOutStore(await fresh()));
  describeTemplateStoreContract('SqlTemplateStore', async () => new SqlTemplateStore(await fresh()));
  describeVisitTypeStoreContract('SqlVisitTypeStore', async () => new SqlVisitTypeStore(await fresh()));
  describeTeamSettingsStoreContract('SqlTeamSettingsStore', async () => new SqlTeamSettingsStore(await fresh()));
  describeChannelSettingsStoreContract('SqlChannelSettingsStore', async () => new SqlChannelSettingsStore(await fresh()));

  const notifyStores = async () => {
    const db = await fresh();
    const outbox = new SqlOutboxStore(db);
    return {
      visits: new SqlVisitStore(db),
      lobby: new SqlLobbyStore(db),
      outbox,
      replies: new SqlSmsReplyStore(db),
      jobs: sqlJobsProbe(db),
      insertAged: async (message: NewOutboxMessage, minutesAgo: number) => {
        await outbox.insert(message);
        await db.query("UPDATE outbox_messages SET created_at = now() - $2 * interval '1 minute' WHERE source_key = $1", [message.sourceKey, minutesAgo]);
      },
    };
  };
  describeOutboxStoreContract('SqlOutboxStore', notifyStores);
  describeSmsReplyStoreContract('SqlSmsReplyStore', notifyStores);

  describeInstallationStoreContract('SqlInstallationStore', async () => new SqlInstallationStore(await fresh()));
  describeRoomDirectoryContract('SqlRoomDirectory', async () => {
    const db = await fresh();
    return { rooms: new SqlRoomDirectory(db), visits: new SqlVisitStore(db) };
  });
  describeSigningKeyStoreContract('SqlSigningKeyStore', async () => new SqlSigningKeyStore(await fresh()));
  describeBotStorageContract('SqlBotStorage', async () => new SqlBotStorage(await fresh()));
  describeWebhookCursorContract('SqlWebhookCursor', async () => {
    const db = await fresh();
    return { cursor: new SqlWebhookCursor(db), visits: new SqlVisitStore(db) };
  });
  describeVisitStatsStoreContract('SqlVisitStatsStore', async () => {
    const db = await fresh();
    return {
      ...(await visitStores()),
      stats: new SqlVisitStatsStore(db),
      seedEvent: async (visitId, kind, at, detail) => {
        await db.query("INSERT INTO visit_events (visit_id, kind, at, actor, detail) VALUES ($1, $2, $3, 'system', $4::jsonb)", [visitId, kind, at, JSON.stringify(detail)]);
      },
    };
  });
});
