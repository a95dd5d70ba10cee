/**
 * The numbers a clinic runs on: a care team's virtual visits over a range of days, from the visit
 * timeline. The store computes them (in SQL, so a year of visits never travels to the service); this
 * module says what they mean, who may read them and fills in the days without visits.
 *
 * A visit counts on the day it was scheduled to start, in the viewer's time zone. Cancelled visits
 * count in `visits` and `cancelled`; wait and length only where the timeline has both ends.
 */
import { AppError } from '../shared/app-error';
import type { Actor, TeamMembership } from '../shared/actor';
import type { AuditLog } from '../shared/audit';

/**
 * Calls in the built-in rooms: a visit counts once, graded by the worst of its participants' median
 * grades (a visit is as good as the call of whoever was served worst); visits in Teams meetings are
 * not measured.
 */
export interface CallQualityFigures {
  measuredVisits: number;
  good: number;
  fair: number;
  poor: number;
}

/**
 * Patients' ratings (1-5) of the period's visits: each rated visit counts once, with the mean of its
 * ratings (the patient's and any guests'); `meanRating` is the mean over rated visits, null when none.
 */
export interface FeedbackFigures {
  meanRating: number | null;
  ratedVisits: number;
}

export interface VisitFigures {
  /** Every visit scheduled to start in the period, cancelled ones included. */
  visits: number;
  completed: number;
  noShows: number;
  cancelled: number;
  /** Checked in -> first admitted, in seconds (visits admitted after a check-in); null without any. */
  medianWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  /** Admitted -> ended (the `lengthSeconds` of `ended`), completed visits that were admitted; null without any. */
  medianLengthSeconds: number | null;
  /** Visits whose patient ran the device check, and of those the ones where any check reported a failure. */
  deviceChecked: number;
  deviceFailed: number;
  /** deviceFailed / deviceChecked, 0..1; null when nobody ran the check. */
  deviceFailureRate: number | null;
  callQuality: CallQualityFigures;
  feedback: FeedbackFigures;
}

export interface DayFigures extends VisitFigures {
  /** YYYY-MM-DD in the viewer's zone. */
  day: string;
}

export interface VisitStats {
  teamId: string;
  from: string;
  to: string;
  timeZone: string;
  totals: VisitFigures;
  /** One entry per day from `from` to `to`, days without visits included. */
  days: DayFigures[];
}

export interface VisitStatsQuery {
  tenantId: string;
  teamId: string;
  /** The instants where the first day begins and the day after the last begins, in `timeZone`. */
  start: Date;
  end: Date;
  timeZone: string;
}

/** Port: the figures per day that has visits, and for the whole period. */
export interface VisitStatsStore {
  figures(query: VisitStatsQuery): Promise<{ totals: VisitFigures; days: DayFigures[] }>;
}

export const NO_VISITS: VisitFigures = {
  visits: 0,
  completed: 0,
  noShows: 0,
  cancelled: 0,
  medianWaitSeconds: null,
  p90WaitSeconds: null,
  medianLengthSeconds: null,
  deviceChecked: 0,
  deviceFailed: 0,
  deviceFailureRate: null,
  callQuality: { measuredVisits: 0, good: 0, fair: 0, poor: 0 },
  feedback: { meanRating: null, ratedVisits: 0 },
};

/** Every day from `from` to `to` (YYYY-MM-DD, both included). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const last = new Date(`${to}T00:00:00Z`).getTime();
  for (let day = new Date(`${from}T00:00:00Z`); day.getTime() <= last; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

export class VisitStatsService {
  constructor(private readonly deps: { store: VisitStatsStore; membership: TeamMembership; audit: AuditLog }) {}

  /** The team's figures; members of the team only. Audited as a read of aggregate data: no patient is named or referenced. */
  async forTeam(actor: Actor, teamId: string, range: { from: string; to: string; timeZone: string; start: Date; end: Date }): Promise<VisitStats> {
    if (!(await this.deps.membership.isMember(actor, teamId))) {
      throw new AppError('forbidden', "Only members of this team can see its visits' figures.");
    }
    const { totals, days } = await this.deps.store.figures({ tenantId: actor.tenantId, teamId, start: range.start, end: range.end, timeZone: range.timeZone });
    await this.deps.audit.record({ actor, action: 'visit.stats', channel: null, detail: { teamId, from: range.from, to: range.to, visits: totals.visits } });
    const byDay = new Map(days.map((day) => [day.day, day]));
    return {
      teamId,
      from: range.from,
      to: range.to,
      timeZone: range.timeZone,
      totals,
      days: daysBetween(range.from, range.to).map((day) => byDay.get(day) ?? { day, ...NO_VISITS }),
    };
  }
}
