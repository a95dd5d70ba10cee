import type { AuditEntry } from '../shared/audit';
import { NO_VISITS, VisitStatsService, daysBetween, type VisitStatsQuery } from './visit-stats';

const actor = { userId: 'u1', tenantId: 't1', name: 'Dr Lee' };
const range = { from: '2031-02-27', to: '2031-03-02', timeZone: 'Europe/London', start: new Date('2031-02-27T00:00:00Z'), end: new Date('2031-03-03T00:00:00Z') };

function serviceWith(member: boolean) {
  const queries: VisitStatsQuery[] = [];
  const audited: AuditEntry[] = [];
  const service = new VisitStatsService({
    store: {
      figures: async (query) => {
        queries.push(query);
        return { totals: { ...NO_VISITS, visits: 4 }, days: [{ day: '2031-03-01', ...NO_VISITS, visits: 4 }] };
      },
    },
    membership: { isMember: async () => member },
    audit: { record: async (entry) => void audited.push(entry) },
  });
  return { service, queries, audited };
}

describe('daysBetween', () => {
  it('lists every calendar day, both ends included, across a month end', () => {
    expect(daysBetween('2031-02-27', '2031-03-02')).toEqual(['2031-02-27', '2031-02-28', '2031-03-01', '2031-03-02']);
    expect(daysBetween('2032-02-28', '2032-03-01')).toEqual(['2032-02-28', '2032-02-29', '2032-03-01']);
  });
});

describe('VisitStatsService', () => {
  it('asks the store for the caller’s tenant and fills in the days without visits', async () => {
    const { service, queries } = serviceWith(true);

    const stats = await service.forTeam(actor, 'team-1', range);

    expect(queries).toEqual([{ tenantId: 't1', teamId: 'team-1', start: range.start, end: range.end, timeZone: 'Europe/London' }]);
    expect(stats.days.map((day) => [day.day, day.visits])).toEqual([
      ['2031-02-27', 0],
      ['2031-02-28', 0],
      ['2031-03-01', 4],
      ['2031-03-02', 0],
    ]);
  });

  it('audits the read as aggregate data: the team and the range, no patient', async () => {
    const { service, audited } = serviceWith(true);

    await service.forTeam(actor, 'team-1', range);

    expect(audited).toEqual([{ actor, action: 'visit.stats', channel: null, detail: { teamId: 'team-1', from: '2031-02-27', to: '2031-03-02', visits: 4 } }]);
  });

  it('refuses someone not in the team before reading anything', async () => {
    const { service, queries, audited } = serviceWith(false);

    await expect(service.forTeam(actor, 'team-1', range)).rejects.toMatchObject({ code: 'forbidden', userMessage: "Only members of this team can see its visits' figures." });
    expect(queries).toEqual([]);
    expect(audited).toEqual([]);
  });
});
