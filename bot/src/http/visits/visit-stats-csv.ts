/**
 * A team's daily visit figures as CSV (RFC 4180, UTF-8 with a byte-order mark, cells quoted and
 * defused as the rounding list's are): one line per day, then one for the whole period. Durations in
 * minutes to one decimal and the failure rate in percent, as a spreadsheet user reads them.
 */
import type { VisitFigures, VisitStats } from '../../domain/visits/visit-stats';
import { BOM, cell } from '../lists/lists-csv';

const HEADER = [
  'Day',
  'Visits',
  'Completed',
  'No-shows',
  'Cancelled',
  'Median wait (min)',
  '90th percentile wait (min)',
  'Median visit length (min)',
  'Device checks',
  'Device check failures',
  'Device check failure rate (%)',
  'Calls measured',
  'Calls good',
  'Calls fair',
  'Calls poor',
  'Patient feedback (mean of 1-5)',
  'Rated visits',
];

const minutes = (seconds: number | null): string => (seconds === null ? '' : (seconds / 60).toFixed(1));

function figureCells(figures: VisitFigures): string[] {
  return [
    String(figures.visits),
    String(figures.completed),
    String(figures.noShows),
    String(figures.cancelled),
    minutes(figures.medianWaitSeconds),
    minutes(figures.p90WaitSeconds),
    minutes(figures.medianLengthSeconds),
    String(figures.deviceChecked),
    String(figures.deviceFailed),
    figures.deviceFailureRate === null ? '' : (figures.deviceFailureRate * 100).toFixed(1),
    String(figures.callQuality.measuredVisits),
    String(figures.callQuality.good),
    String(figures.callQuality.fair),
    String(figures.callQuality.poor),
    figures.feedback.meanRating === null ? '' : figures.feedback.meanRating.toFixed(1),
    String(figures.feedback.ratedVisits),
  ];
}

export function visitStatsToCsv(stats: VisitStats): string {
  const lines = [HEADER, ...stats.days.map((day) => [day.day, ...figureCells(day)]), [`${stats.from} to ${stats.to}`, ...figureCells(stats.totals)]];
  return BOM + lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}
