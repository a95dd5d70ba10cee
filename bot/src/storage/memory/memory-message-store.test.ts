import { describeMessageStoreContract } from '../contract-suites/message-store.contract';
import { memoryJobsProbe } from '../contract-suites/jobs-probe';
import { MemoryMessageStore } from './memory-message-store';
import { MemoryTables } from './memory-tables';

describeMessageStoreContract('MemoryMessageStore', async () => {
  const tables = new MemoryTables();
  return { store: new MemoryMessageStore(tables), jobs: memoryJobsProbe(tables) };
});
