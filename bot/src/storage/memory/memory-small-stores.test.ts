import { MemoryStorage } from 'botbuilder';
import { describeBotStorageContract, describeInstallationStoreContract, describeRoomDirectoryContract, describeSigningKeyStoreContract } from '../contract-suites/small-stores.contract';
import { memoryVisitStores } from '../contract-suites/memory-fixtures';
import { describeVisitStatsStoreContract } from '../contract-suites/visit-stats-store.contract';
import { describeWebhookCursorContract } from '../contract-suites/webhook-cursor.contract';
import { MemoryInstallationStore } from './memory-installation-store';
import { MemoryRoomDirectory } from './memory-room-directory';
import { MemorySigningKeyStore } from './memory-signing-key-store';
import { MemoryTables } from './memory-tables';
import { MemoryVisitStatsStore } from './memory-visit-stats-store';
import { MemoryVisitStore } from './memory-visit-store';
import { MemoryWebhookCursor } from './memory-webhook-cursor';

describeInstallationStoreContract('MemoryInstallationStore', async () => new MemoryInstallationStore());
describeRoomDirectoryContract('MemoryRoomDirectory', async () => {
  const tables = new MemoryTables();
  return { rooms: new MemoryRoomDirectory(tables), visits: new MemoryVisitStore(tables) };
});
describeSigningKeyStoreContract('MemorySigningKeyStore', async () => new MemorySigningKeyStore());
// SqlBotStorage keeps botbuilder's MemoryStorage semantics: that class is its twin.
describeBotStorageContract('botbuilder MemoryStorage', async () => new MemoryStorage());
describeWebhookCursorContract('MemoryWebhookCursor', async () => {
  const tables = new MemoryTables();
  return { cursor: new MemoryWebhookCursor(tables), visits: new MemoryVisitStore(tables) };
});
describeVisitStatsStoreContract('MemoryVisitStatsStore', async () => {
  const tables = new MemoryTables();
  return {
    ...memoryVisitStores(tables),
    stats: new MemoryVisitStatsStore(tables),
    seedEvent: async (visitId, kind, at, detail) => tables.recordEvent({ visitId, kind, actor: 'system', detail }, at),
  };
});
