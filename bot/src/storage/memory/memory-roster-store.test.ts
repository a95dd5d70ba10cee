import { describeRosterStoreContract } from '../contract-suites/roster-store.contract';
import { MemoryRosterStore } from './memory-roster-store';

describeRosterStoreContract('MemoryRosterStore', async () => new MemoryRosterStore());
