/** What every VisitStatsStore works out: a team's visit figures per day (in the viewer's zone) and for the period. */
import type { TimelineKind } from '../../domain/lobby/lobby-types';
import { NO_VISITS, type VisitStatsStore } from '../../domain/visits/visit-stats';
import type { Visit } from '../../domain/visits/visit-types';
import { newVisit, type VisitStoresFixture } from './visit-fixtures';

export interface VisitStatsFixture extends VisitStoresFixture {
  stats: VisitStatsStore;
  /** Writes a timeline line at a given time (the stores write theirs at the clock's). */
  seedEvent(visitId: string, kind: TimelineKind, at: Date, detail: Record<string, string | number | boolean | null>): Promise<void>;
}

const t = (iso: string) => new Date(`2031-03-${iso}Z`);
const query = { tenantId: 'tenant-v', teamId: 'team-1', start: t('10T00:00:00'), end: t('12T00:00:00'), timeZone: 'Europe/London' };

export function describeVisitStatsStoreContract(name: string, open: () => Promise<VisitStatsFixture>): void {
  describe(`VisitStatsStore contract: ${name}`, () => {
    let fixture: VisitStatsFixture;
    beforeEach(async () => {
      fixture = await open();
    });

    const visit = async (start: string, status: Visit['status'], overrides: Parameters<typeof newVisit>[0] = {}) => {
      const { visit: created } = await fixture.visits.create(newVisit({ start: t(start), ...overrides }), null);
      if (status !== 'pending') await fixture.visits.update(created.id, 1, { status }, []);
      return created.id;
    };
    const seed = (visitId: string, kind: TimelineKind, at: string, detail: Record<string, string | number | boolean | null> = {}) => fixture.seedEvent(visitId, kind, t(at), detail);
    const rate = (visitId: string, participant: string, rating: number) => fixture.lobby.addFeedback(visitId, { participant, rating, comment: null, at: t('12T00:00:00') });

    /** Six visits of team-1 over two days, and three that do not count (another team, another tenant, outside the period). */
    async function seedTwoDays() {
      const a = await visit('10T09:00:00', 'completed');
      await seed(a, 'device_check', '10T08:58:00', { failed: null, rttMs: 40 });
      await seed(a, 'checked_in', '10T09:00:00');
      await seed(a, 'admitted', '10T09:02:00');
      await seed(a, 'call_quality', '10T09:12:00', { worst: 'fair', median: 'good' });
      await seed(a, 'ended', '10T09:12:00', { reason: 'clinician', lengthSeconds: 600, admitted: true });
      await rate(a, 'patient', 5);
      await rate(a, 'guest:g1', 3);
      const b = await visit('10T10:00:00', 'completed');
      await seed(b, 'device_check', '10T09:54:00', { failed: 'camera', rttMs: 300 });
      await seed(b, 'checked_in', '10T09:55:00');
      // Reloaded and checked in again: the wait counts from the last check-in before admission.
      await seed(b, 'checked_in', '10T09:58:00');
      await seed(b, 'admitted', '10T10:04:00');
      await seed(b, 'admitted', '10T10:05:00');
      await seed(b, 'call_quality', '10T10:20:00', { worst: 'poor', median: 'fair' });
      await seed(b, 'call_quality', '10T10:20:00', { worst: 'poor', median: 'poor' });
      await seed(b, 'ended', '10T10:24:00', { reason: 'clinician', lengthSeconds: 1200, admitted: true });
      await visit('10T11:00:00', 'no_show');
      const d = await visit('11T09:00:00', 'completed');
      await seed(d, 'checked_in', '11T09:00:00');
      await seed(d, 'admitted', '11T09:10:00');
      await seed(d, 'ended', '11T09:25:00', { reason: 'end_time', lengthSeconds: 900, admitted: true });
      await rate(d, 'patient', 2);
      await visit('11T10:00:00', 'cancelled');
      const f = await visit('11T11:00:00', 'completed');
      await seed(f, 'ended', '11T11:30:00', { reason: 'end_time', lengthSeconds: 0, admitted: false });
      await visit('10T12:00:00', 'completed', { origin: { conversationId: null, teamId: 'team-other', channelId: 'chan-other' } });
      await visit('10T13:00:00', 'completed', { tenantId: 'tenant-other' });
      await visit('13T09:00:00', 'completed');
    }

    it('works out the period’s figures: counts, median and 90th-percentile wait, median length, device failures, call grades, mean rating of rated visits', async () => {
      await seedTwoDays();
      const { totals } = await fixture.stats.figures(query);
      expect(totals).toEqual({
        visits: 6,
        completed: 4,
        noShows: 1,
        cancelled: 1,
        medianWaitSeconds: 360,
        p90WaitSeconds: 552,
        medianLengthSeconds: 900,
        deviceChecked: 2,
        deviceFailed: 1,
        deviceFailureRate: 0.5,
        callQuality: { measuredVisits: 2, good: 1, fair: 0, poor: 1 },
        feedback: { meanRating: 3, ratedVisits: 2 },
      });
    });

    it('gives each day with visits its own figures', async () => {
      await seedTwoDays();
      const { days } = await fixture.stats.figures(query);
      expect(days.map((day) => [day.day, day.visits, day.completed, day.noShows, day.cancelled, day.medianWaitSeconds, day.p90WaitSeconds, day.medianLengthSeconds, day.deviceFailureRate, day.feedback.meanRating])).toEqual([
        ['2031-03-10', 3, 2, 1, 0, 240, 336, 900, 0.5, 4],
        ['2031-03-11', 3, 2, 0, 1, 600, 600, 900, null, 2],
      ]);
    });

    it('counts a visit on its day in the viewer’s time zone', async () => {
      await visit('10T11:30:00', 'completed');
      const { days } = await fixture.stats.figures({ ...query, timeZone: 'Pacific/Auckland' });
      expect(days.map((day) => [day.day, day.visits])).toEqual([['2031-03-11', 1]]);
    });

    it('answers a period without visits with zero counts and no medians', async () => {
      expect(await fixture.stats.figures(query)).toEqual({ totals: NO_VISITS, days: [] });
    });
  });
}
