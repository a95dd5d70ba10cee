import { describeChannelSettingsStoreContract, describeOptOutStoreContract, describeTeamSettingsStoreContract, describeTemplateStoreContract } from '../contract-suites/settings-stores.contract';
import { MemoryChannelSettingsStore, MemoryOptOutStore, MemoryTeamSettingsStore, MemoryTemplateStore } from './memory-settings-stores';
import { describeVisitTypeStoreContract } from '../contract-suites/visit-type-store.contract';
import { MemoryVisitTypeStore } from './memory-visit-type-store';

describeOptOutStoreContract('MemoryOptOutStore', async () => new MemoryOptOutStore());
describeTemplateStoreContract('MemoryTemplateStore', async () => new MemoryTemplateStore());
describeTeamSettingsStoreContract('MemoryTeamSettingsStore', async () => new MemoryTeamSettingsStore());
describeChannelSettingsStoreContract('MemoryChannelSettingsStore', async () => new MemoryChannelSettingsStore());
describeVisitTypeStoreContract('MemoryVisitTypeStore', async () => new MemoryVisitTypeStore());
