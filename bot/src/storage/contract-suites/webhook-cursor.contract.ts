/** What every WebhookCursor does: starts at the newest event, hands out what follows in order under a lease, moves only when told, backs off. */
import type { VisitStore } from '../../domain/visits/visit-types';
import type { WebhookCursor } from '../../webhooks/webhook-cursor';
import { newVisit } from './visit-fixtures';

export interface WebhookCursorFixture {
  cursor: WebhookCursor;
  visits: VisitStore;
}

const at = (second: number) => new Date(Date.UTC(2031, 2, 10, 9, 0, second));

export function describeWebhookCursorContract(name: string, open: () => Promise<WebhookCursorFixture>): void {
  describe(`WebhookCursor contract: ${name}`, () => {
    let cursor: WebhookCursor;
    let visits: VisitStore;
    beforeEach(async () => {
      ({ cursor, visits } = await open());
    });
    const created = async () => (await visits.create(newVisit(), null)).visit.id;

    it('claims nothing before it is set up, and replays no history once it is', async () => {
      await created();
      expect(await cursor.claim(at(0), 10_000, 10)).toBeNull();
      await cursor.ensure();
      expect(await cursor.claim(at(0), 10_000, 10)).toEqual({ events: [], attempts: 0 });
    });

    it('hands out the events after it, oldest first, up to the limit, and moves only when told', async () => {
      await cursor.ensure();
      const first = await created();
      const second = await created();
      const third = await created();
      const claimed = await cursor.claim(at(0), 10_000, 2);
      expect(claimed?.events.map((event) => [event.visit_id, event.kind, event.actor])).toEqual([
        [first, 'created', 'creator-1'],
        [second, 'created', 'creator-1'],
      ]);
      expect(claimed?.events[0]?.detail).toEqual({ durationMinutes: 30 });
      await cursor.advance(claimed!.events[1]!.id);
      expect((await cursor.claim(at(1), 10_000, 10))?.events.map((event) => event.visit_id)).toEqual([third]);
      // Not acknowledged: the same event again once the lease is over.
      expect((await cursor.claim(at(12), 10_000, 10))?.events.map((event) => event.visit_id)).toEqual([third]);
      await cursor.ensure();
      expect((await cursor.claim(at(30), 10_000, 10))?.events.map((event) => event.visit_id)).toEqual([third]);
    });

    it('gives one claimant the events at a time, until its lease lapses', async () => {
      await cursor.ensure();
      await created();
      expect(await cursor.claim(at(0), 10_000, 10)).not.toBeNull();
      expect(await cursor.claim(at(5), 10_000, 10)).toBeNull();
      expect(await cursor.claim(at(11), 10_000, 10)).not.toBeNull();
    });

    it('backs off after a failure, counting attempts until an event is acknowledged', async () => {
      await cursor.ensure();
      await created();
      const claimed = await cursor.claim(at(0), 10_000, 10);
      await cursor.retryAt(at(20), 'http_500');
      expect(await cursor.claim(at(19), 10_000, 10)).toBeNull();
      const again = await cursor.claim(at(20), 10_000, 10);
      expect(again?.attempts).toBe(1);
      await cursor.advance(claimed!.events[0]!.id);
      expect(await cursor.claim(at(21), 10_000, 10)).toEqual({ events: [], attempts: 0 });
    });
  });
}
