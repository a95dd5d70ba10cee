import { MemoryStorage } from 'botbuilder';
import { describeBotStorageContract, describeInstallationStoreContract, describeRoomDirectoryContract, describeSigningKeyStoreContract } from '../contract-suites/small-stores.contract';
import { MemoryInstallationStore } from './memory-installation-store';
import { MemoryRoomDirectory } from './memory-room-directory';
import { MemorySigningKeyStore } from './memory-signing-key-store';
import { MemoryTables } from './memory-tables';
import { MemoryVisitStore } from './memory-visit-store';

describeInstallationStoreContract('MemoryInstallationStore', async () => new MemoryInstallationStore());
describeRoomDirectoryContract('MemoryRoomDirectory', async () => {
  const tables = new MemoryTables();
  return { rooms: new MemoryRoomDirectory(tables), visits: new MemoryVisitStore(tables) };
});
describeSigningKeyStoreContract('MemorySigningKeyStore', async () => new MemorySigningKeyStore());
// SqlBotStorage keeps botbuilder's MemoryStorage semantics: that class is its twin.
describeBotStorageContract('botbuilder MemoryStorage', async () => new MemoryStorage());
