/**
 * A team's visit figures, computed in one query over `visits` and their timeline (`visit_events`):
 * one row per day that has visits and one for the whole period (GROUPING SETS), medians and the 90th
 * percentile by percentile_cont (continuous: the value between two visits is interpolated).
 */
import { NO_VISITS, type DayFigures, type VisitFigures, type VisitStatsQuery, type VisitStatsStore } from '../domain/visits/visit-stats';
import type { Sql } from './database';

interface FiguresRow {
  [column: string]: unknown;
  day: string | null;
  visits: number;
  completed: number;
  no_shows: number;
  cancelled: number;
  median_wait: number | null;
  p90_wait: number | null;
  median_length: number | null;
  device_checked: number;
  device_failed: number;
  rated_visits: number;
  quality_measured: number;
  quality_good: number;
  quality_fair: number;
  quality_poor: number;
  mean_rating: number | string | null;
}

// Each visit's measures come from its own lateral subquery in per_visit, aggregated below.
const FIGURES_SQL = `
  WITH team_visits AS (
    SELECT id, status, to_char(start_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day
    FROM visits
    WHERE tenant_id = $1 AND team_id = $2 AND start_at >= $4 AND start_at < $5
  ),
  per_visit AS (
    SELECT tv.day, tv.status,
      extract(epoch FROM admitted.at - checked_in.at)::float8 AS wait_seconds,
      ended.length_seconds,
      device.checked AS device_checked,
      device.failed AS device_failed,
      feedback.rating,
      quality.grade AS call_grade
    FROM team_visits tv
    -- Wait: the first admission, from the last check-in before it (a patient may reload and check in again).
    LEFT JOIN LATERAL (SELECT min(e.at) AS at FROM visit_events e WHERE e.visit_id = tv.id AND e.kind = 'admitted') admitted ON true
    LEFT JOIN LATERAL (SELECT max(e.at) AS at FROM visit_events e WHERE e.visit_id = tv.id AND e.kind = 'checked_in' AND e.at <= admitted.at) checked_in ON true
    LEFT JOIN LATERAL (
      SELECT (e.detail->>'lengthSeconds')::float8 AS length_seconds FROM visit_events e
      WHERE e.visit_id = tv.id AND e.kind = 'ended' AND e.detail->>'admitted' = 'true' ORDER BY e.id DESC LIMIT 1
    ) ended ON true
    -- A device check names its failed items in detail.failed (null when all passed).
    LEFT JOIN LATERAL (
      SELECT count(*) > 0 AS checked, coalesce(bool_or(e.detail->>'failed' IS NOT NULL), false) AS failed
      FROM visit_events e WHERE e.visit_id = tv.id AND e.kind = 'device_check'
    ) device ON true
    -- A visit rated by the patient and guests counts once, with the mean of their ratings.
    LEFT JOIN LATERAL (SELECT avg(f.rating)::float8 AS rating FROM visit_feedback f WHERE f.visit_id = tv.id) feedback ON true
    -- A visit's call: the worst of its participants' median grades (0 poor, 1 fair, 2 good).
    LEFT JOIN LATERAL (
      SELECT min(CASE e.detail->>'median' WHEN 'poor' THEN 0 WHEN 'fair' THEN 1 WHEN 'good' THEN 2 END) AS grade
      FROM visit_events e WHERE e.visit_id = tv.id AND e.kind = 'call_quality'
    ) quality ON true
  )
  SELECT
    CASE WHEN GROUPING(day) = 1 THEN NULL ELSE day END AS day,
    count(*)::int AS visits,
    (count(*) FILTER (WHERE status = 'completed'))::int AS completed,
    (count(*) FILTER (WHERE status = 'no_show'))::int AS no_shows,
    (count(*) FILTER (WHERE status = 'cancelled'))::int AS cancelled,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_seconds) AS median_wait,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_seconds) AS p90_wait,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY length_seconds) FILTER (WHERE status = 'completed') AS median_length,
    (count(*) FILTER (WHERE device_checked))::int AS device_checked,
    (count(*) FILTER (WHERE device_failed))::int AS device_failed,
    count(rating)::int AS rated_visits,
    avg(rating)::float8 AS mean_rating,
    count(call_grade)::int AS quality_measured,
    (count(*) FILTER (WHERE call_grade = 2))::int AS quality_good,
    (count(*) FILTER (WHERE call_grade = 1))::int AS quality_fair,
    (count(*) FILTER (WHERE call_grade = 0))::int AS quality_poor
  FROM per_visit
  GROUP BY GROUPING SETS ((day), ())
  ORDER BY GROUPING(day), day
`;

/** Whole seconds: percentiles interpolate, and a second is as fine as a clinic reads a wait. */
const seconds = (value: number | string | null): number | null => (value === null ? null : Math.round(Number(value)));

function figuresOf(row: FiguresRow): VisitFigures {
  return {
    visits: row.visits,
    completed: row.completed,
    noShows: row.no_shows,
    cancelled: row.cancelled,
    medianWaitSeconds: seconds(row.median_wait),
    p90WaitSeconds: seconds(row.p90_wait),
    medianLengthSeconds: seconds(row.median_length),
    deviceChecked: row.device_checked,
    deviceFailed: row.device_failed,
    deviceFailureRate: row.device_checked > 0 ? row.device_failed / row.device_checked : null,
    callQuality: { measuredVisits: row.quality_measured, good: row.quality_good, fair: row.quality_fair, poor: row.quality_poor },
    feedback: { meanRating: row.mean_rating === null ? null : Number(row.mean_rating), ratedVisits: row.rated_visits },
  };
}

export class SqlVisitStatsStore implements VisitStatsStore {
  constructor(private readonly db: Sql) {}

  async figures(query: VisitStatsQuery): Promise<{ totals: VisitFigures; days: DayFigures[] }> {
    const rows = await this.db.query<FiguresRow>(FIGURES_SQL, [query.tenantId, query.teamId, query.timeZone, query.start, query.end]);
    const total = rows.find((row) => row.day === null);
    return {
      // The () grouping set yields its row even without visits; the fallback only satisfies the types.
      totals: total ? figuresOf(total) : NO_VISITS,
      days: rows.flatMap((row) => (row.day === null ? [] : [{ day: row.day, ...figuresOf(row) }])),
    };
  }
}
