import { describeLobbyStoreContract } from '../contract-suites/lobby-store.contract';
import { memoryVisitStores } from './visit-stores-fixture';

describeLobbyStoreContract('MemoryLobbyStore', async () => memoryVisitStores());
