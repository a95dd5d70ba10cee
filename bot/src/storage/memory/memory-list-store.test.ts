import { describeListStoreContract } from '../contract-suites/list-store.contract';
import { MemoryListStore } from './memory-list-store';

describeListStoreContract('MemoryListStore', async () => new MemoryListStore());
