import { describeJobQueueContract } from '../contract-suites/job-queue.contract';
import { memoryJobsProbe } from '../contract-suites/jobs-probe';
import { MemoryJobQueue } from './memory-job-queue';
import { MemoryTables } from './memory-tables';

describeJobQueueContract('MemoryJobQueue', async () => {
  const tables = new MemoryTables();
  return { queue: new MemoryJobQueue(tables), jobs: memoryJobsProbe(tables) };
});
