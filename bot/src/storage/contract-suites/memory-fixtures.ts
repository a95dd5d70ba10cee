/** The twins that share tables, wired as the contracts take them (test-only: not part of the build). */
import { MemoryLobbyStore } from '../memory/memory-lobby-store';
import { MemoryOutboxStore } from '../memory/memory-outbox-store';
import { MemorySmsReplyStore } from '../memory/memory-sms-reply-store';
import { MemoryTables } from '../memory/memory-tables';
import { MemoryVisitStore } from '../memory/memory-visit-store';
import { memoryJobsProbe } from './jobs-probe';
import type { NotifyStoresFixture } from './notify-stores.contract';
import type { VisitStoresFixture } from './visit-fixtures';

/** The visit and lobby twins over one set of tables. */
export function memoryVisitStores(tables = new MemoryTables()): VisitStoresFixture {
  return { visits: new MemoryVisitStore(tables), lobby: new MemoryLobbyStore(tables), jobs: memoryJobsProbe(tables) };
}

/** The outbox and reply twins with the visits they write about. */
export function memoryNotifyStores(): NotifyStoresFixture {
  let minutesAgo = 0;
  const tables = new MemoryTables(() => new Date(Date.now() - minutesAgo * 60_000));
  const outbox = new MemoryOutboxStore(tables);
  return {
    visits: new MemoryVisitStore(tables),
    lobby: new MemoryLobbyStore(tables),
    outbox,
    replies: new MemorySmsReplyStore(tables),
    jobs: memoryJobsProbe(tables),
    insertAged: async (message, ago) => {
      minutesAgo = ago;
      await outbox.insert(message);
      minutesAgo = 0;
    },
  };
}
