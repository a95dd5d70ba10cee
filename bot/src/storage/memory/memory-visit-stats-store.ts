import { NO_VISITS, type DayFigures, type VisitFigures, type VisitStatsQuery, type VisitStatsStore } from '../../domain/visits/visit-stats';
import { wallClockOf } from '../../domain/visits/zoned-time';
import type { Visit } from '../../domain/visits/visit-types';
import type { MemoryTables } from './memory-tables';

interface VisitMeasures {
  day: string;
  status: Visit['status'];
  waitSeconds: number | null;
  lengthSeconds: number | null;
  deviceChecked: boolean;
  deviceFailed: boolean;
  rating: number | null;
  callGrade: number | null;
}

const GRADES: Record<string, number> = { poor: 0, fair: 1, good: 2 };

/** percentile_cont: the value at fraction `p` of the sorted values, interpolated between neighbours. */
function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = sorted[Math.floor(position)]!;
  const above = sorted[Math.ceil(position)]!;
  return below + (above - below) * (position - Math.floor(position));
}

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
const seconds = (value: number | null): number | null => (value === null ? null : Math.round(value));
const present = <T>(values: readonly (T | null)[]): T[] => values.filter((value): value is T => value !== null);

/** The twin of SqlVisitStatsStore: the same figures, worked out visit by visit from the shared visits, timeline and feedback. */
export class MemoryVisitStatsStore implements VisitStatsStore {
  constructor(private readonly tables: MemoryTables) {}

  async figures(query: VisitStatsQuery): Promise<{ totals: VisitFigures; days: DayFigures[] }> {
    const measures = [...this.tables.visits.values()]
      .filter((visit) => visit.tenantId === query.tenantId && visit.origin.teamId === query.teamId && visit.start >= query.start && visit.start < query.end)
      .map((visit) => this.measure(visit, query.timeZone));
    const days = [...new Set(measures.map((visit) => visit.day))].sort();
    return {
      totals: measures.length === 0 ? { ...NO_VISITS } : figuresOf(measures),
      days: days.map((day) => ({ day, ...figuresOf(measures.filter((visit) => visit.day === day)) })),
    };
  }

  private measure(visit: Visit, timeZone: string): VisitMeasures {
    const events = this.tables.visitEvents.filter((event) => event.visitId === visit.id);
    const times = (kind: string) => events.filter((event) => event.kind === kind).map((event) => event.at.getTime());
    const admitted = times('admitted').length > 0 ? Math.min(...times('admitted')) : null;
    // The first admission, from the last check-in before it.
    const checkIns = admitted === null ? [] : times('checked_in').filter((at) => at <= admitted);
    const checkedIn = checkIns.length > 0 ? Math.max(...checkIns) : null;
    const ended = events.filter((event) => event.kind === 'ended' && event.detail.admitted === true).at(-1);
    const devices = events.filter((event) => event.kind === 'device_check');
    const grades = present(events.filter((event) => event.kind === 'call_quality').map((event) => (typeof event.detail.median === 'string' ? (GRADES[event.detail.median] ?? null) : null)));
    return {
      day: wallClockOf(visit.start, timeZone).date,
      status: visit.status,
      waitSeconds: admitted !== null && checkedIn !== null ? (admitted - checkedIn) / 1000 : null,
      lengthSeconds: ended ? Number(ended.detail.lengthSeconds) : null,
      deviceChecked: devices.length > 0,
      deviceFailed: devices.some((event) => event.detail.failed !== null && event.detail.failed !== undefined),
      rating: mean(this.tables.visitFeedback.filter((feedback) => feedback.visitId === visit.id).map((feedback) => feedback.rating)),
      callGrade: grades.length > 0 ? Math.min(...grades) : null,
    };
  }
}

function figuresOf(visits: readonly VisitMeasures[]): VisitFigures {
  const waits = present(visits.map((visit) => visit.waitSeconds));
  const deviceChecked = visits.filter((visit) => visit.deviceChecked).length;
  const deviceFailed = visits.filter((visit) => visit.deviceFailed).length;
  const ratings = present(visits.map((visit) => visit.rating));
  const grades = present(visits.map((visit) => visit.callGrade));
  return {
    visits: visits.length,
    completed: visits.filter((visit) => visit.status === 'completed').length,
    noShows: visits.filter((visit) => visit.status === 'no_show').length,
    cancelled: visits.filter((visit) => visit.status === 'cancelled').length,
    medianWaitSeconds: seconds(percentile(waits, 0.5)),
    p90WaitSeconds: seconds(percentile(waits, 0.9)),
    medianLengthSeconds: seconds(percentile(present(visits.filter((visit) => visit.status === 'completed').map((visit) => visit.lengthSeconds)), 0.5)),
    deviceChecked,
    deviceFailed,
    deviceFailureRate: deviceChecked > 0 ? deviceFailed / deviceChecked : null,
    callQuality: { measuredVisits: grades.length, good: grades.filter((grade) => grade === 2).length, fair: grades.filter((grade) => grade === 1).length, poor: grades.filter((grade) => grade === 0).length },
    feedback: { meanRating: mean(ratings), ratedVisits: ratings.length },
  };
}
