import { describeListStoreContract } from '../contract-suites/list-store.contract';
import { MemoryListStore } from './memory-list-store';
import { MemoryTables } from './memory-tables';

describeListStoreContract('MemoryListStore', async () => {
  let minutesAgo = 0;
  const store = new MemoryListStore(new MemoryTables(() => new Date(Date.now() - minutesAgo * 60_000)));
  return {
    store,
    noteWrittenEarlier: async (ago, write) => {
      minutesAgo = ago;
      try {
        return await write();
      } finally {
        minutesAgo = 0;
      }
    },
  };
});
