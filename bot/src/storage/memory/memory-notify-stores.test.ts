import { describeOutboxStoreContract, describeSmsReplyStoreContract } from '../contract-suites/notify-stores.contract';
import { memoryNotifyStores } from '../contract-suites/memory-fixtures';

describeOutboxStoreContract('MemoryOutboxStore', async () => memoryNotifyStores());
describeSmsReplyStoreContract('MemorySmsReplyStore', async () => memoryNotifyStores());
