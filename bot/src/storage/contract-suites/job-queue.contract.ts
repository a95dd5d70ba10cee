/** What every JobQueue does: due jobs claimed earliest first under a lease, renewed only by their holder, retried or parked. */
import type { ClaimedJob, JobQueue, ScheduledJob } from '../../domain/shared/jobs';
import type { JobsProbe } from './jobs-probe';

export interface JobQueueFixture {
  queue: JobQueue;
  jobs: JobsProbe;
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));
/** Claims come back in no particular order: by dedupe key, to compare. */
const byKey = (claims: readonly ClaimedJob[]) => [...claims].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));

const card = (visitId: string, minute: number): ScheduledJob => ({ job: { kind: 'visit.card', visitId, version: 1 }, runAt: at(minute), dedupeKey: `card:${visitId}` });

export function describeJobQueueContract(name: string, open: () => Promise<JobQueueFixture>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let queue: JobQueue;
    let jobs: JobsProbe;
    beforeEach(async () => {
      ({ queue, jobs } = await open());
    });

    it('claims the earliest due jobs, up to the limit, and leaves those due later', async () => {
      await jobs.enqueue([card('v3', 3), card('v1', 1), card('v2', 2), card('v9', 9)]);
      const claimed = byKey(await queue.claim(at(5), 2, 20_000));
      expect(claimed.map((claim) => [claim.dedupeKey, claim.attempts])).toEqual([
        ['card:v1', 1],
        ['card:v2', 1],
      ]);
      expect(claimed[0]?.job).toEqual({ kind: 'visit.card', visitId: 'v1', version: 1 });
      expect((await queue.claim(at(5), 10, 20_000)).map((claim) => claim.dedupeKey)).toEqual(['card:v3']);
      expect(await queue.claim(at(5), 10, 20_000)).toEqual([]);
    });

    it('drops a second job with the same dedupe key, even once the first has run', async () => {
      await jobs.enqueue([card('v1', 1)]);
      await jobs.enqueue([{ ...card('v1', 0), job: { kind: 'visit.card', visitId: 'v1', version: 2 } }]);
      const [claim] = await queue.claim(at(5), 10, 20_000);
      expect(claim?.job).toEqual({ kind: 'visit.card', visitId: 'v1', version: 1 });
      await queue.complete(claim!.id);
      await jobs.enqueue([card('v1', 1)]);
      expect(await queue.counts('visit.card')).toEqual({ done: 1, failed: 0, waiting: 0 });
    });

    it('hands a job to another claim only once its lease has lapsed, counting the attempt', async () => {
      await jobs.enqueue([card('v1', 1)]);
      const [first] = await queue.claim(at(1), 10, 60_000);
      expect(await queue.claim(at(1), 10, 60_000)).toEqual([]);
      const [second] = await queue.claim(at(3), 10, 60_000);
      expect(second).toMatchObject({ id: first!.id, attempts: 2 });
    });

    it('renews only the leases its claim still holds', async () => {
      await jobs.enqueue([card('v1', 1), card('v2', 1)]);
      const [one, two] = byKey(await queue.claim(at(1), 10, 60_000));
      const taken = await queue.claim(at(3), 1, 600_000);
      expect(taken.map((claim) => claim.id)).toEqual([one!.id]);
      // The first claim of v1 lost it; v2 is still its holder's.
      expect((await queue.renew([one!, two!], at(10))).sort()).toEqual([two!.id]);
      expect(await queue.claim(at(5), 10, 60_000)).toEqual([]);
      expect(await queue.renew([], at(10))).toEqual([]);
    });

    it('retries a failed job at its new time, parks one given up on, and counts both', async () => {
      await jobs.enqueue([card('v1', 1), card('v2', 1)]);
      const [retried, parked] = byKey(await queue.claim(at(1), 10, 60_000));
      await queue.fail(retried!.id, 'graph_unavailable', at(8));
      await queue.fail(parked!.id, 'not_found', null);
      expect(await queue.claim(at(7), 10, 60_000)).toEqual([]);
      expect(await queue.claim(at(8), 10, 60_000)).toEqual([expect.objectContaining({ id: retried!.id, attempts: 2 })]);
      expect(await queue.counts('visit.card')).toEqual({ done: 0, failed: 1, waiting: 1 });
      expect(await queue.counts('visit.notify')).toEqual({ done: 0, failed: 0, waiting: 0 });
    });

    it('never claims a finished job again', async () => {
      await jobs.enqueue([card('v1', 1)]);
      const [claim] = await queue.claim(at(1), 10, 1_000);
      await queue.complete(claim!.id);
      expect(await queue.claim(at(30), 10, 1_000)).toEqual([]);
      expect(await jobs.waiting()).toEqual([]);
    });
  });
}
