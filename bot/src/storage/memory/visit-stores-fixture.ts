import type { VisitStoresFixture } from '../contract-suites/visit-fixtures';
import { memoryJobsProbe } from '../contract-suites/jobs-probe';
import { MemoryLobbyStore } from './memory-lobby-store';
import { MemoryTables } from './memory-tables';
import { MemoryVisitStore } from './memory-visit-store';

/** The visit and lobby twins over one set of tables, as the contracts take them. */
export function memoryVisitStores(): VisitStoresFixture {
  const tables = new MemoryTables();
  return { visits: new MemoryVisitStore(tables), lobby: new MemoryLobbyStore(tables), jobs: memoryJobsProbe(tables) };
}
