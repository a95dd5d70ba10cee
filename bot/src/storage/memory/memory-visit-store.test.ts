import { describeVisitStoreContract } from '../contract-suites/visit-store.contract';
import { memoryVisitStores } from '../contract-suites/memory-fixtures';

describeVisitStoreContract('MemoryVisitStore', async () => memoryVisitStores());
