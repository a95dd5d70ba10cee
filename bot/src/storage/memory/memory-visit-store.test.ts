import { describeVisitStoreContract } from '../contract-suites/visit-store.contract';
import { memoryVisitStores } from './visit-stores-fixture';

describeVisitStoreContract('MemoryVisitStore', async () => memoryVisitStores());
