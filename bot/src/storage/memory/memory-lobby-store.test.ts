import { describeLobbyStoreContract } from '../contract-suites/lobby-store.contract';
import { memoryVisitStores } from '../contract-suites/memory-fixtures';

describeLobbyStoreContract('MemoryLobbyStore', async () => memoryVisitStores());
