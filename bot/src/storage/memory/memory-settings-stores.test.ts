import { describeChannelSettingsStoreContract, describeOptOutStoreContract, describeTeamSettingsStoreContract, describeTemplateStoreContract } from '../contract-suites/settings-stores.contract';
import { MemoryChannelSettingsStore, MemoryOptOutStore, MemoryTeamSettingsStore, MemoryTemplateStore } from './memory-settings-stores';

describeOptOutStoreContract('MemoryOptOutStore', async () => new MemoryOptOutStore());
describeTemplateStoreContract('MemoryTemplateStore', async () => new MemoryTemplateStore());
describeTeamSettingsStoreContract('MemoryTeamSettingsStore', async () => new MemoryTeamSettingsStore());
describeChannelSettingsStoreContract('MemoryChannelSettingsStore', async () => new MemoryChannelSettingsStore());
