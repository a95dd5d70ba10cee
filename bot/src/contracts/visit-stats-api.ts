/**
 * HTTP contract of a care team's visit figures (the Dashboard tab): `GET /api/teams/<teamId>/visit-stats`
 * and its CSV, `GET /api/teams/<teamId>/visit-stats.csv`, members of the team only.
 *
 * `from` and `to` are calendar days (YYYY-MM-DD, both included) in `timeZone`, the viewer's IANA zone;
 * a visit counts on the day it was scheduled to start there. At most 366 days per request.
 * Durations are whole seconds; `deviceFailureRate` is 0..1. `callQuality` counts the visits measured in
 * the built-in rooms by grade; `feedback` is the patients' mean rating (1-5) over the rated visits and
 * their count.
 */
import { z } from 'zod/v4';
import { dayNumber } from './visit-board-api';

export const MAX_STATS_DAYS = 366;

const calendarDay = (name: string) =>
  z
    .string({ error: `${name} is required, as a date YYYY-MM-DD` })
    .refine((value) => dayNumber(value) !== null, `${name} must be a real date as YYYY-MM-DD, e.g. 2026-11-24`);

const span = (range: { from: string; to: string }): number => {
  const from = dayNumber(range.from);
  const to = dayNumber(range.to);
  return from === null || to === null ? 0 : to - from;
};

export const visitStatsQuery = z
  .object({
    from: calendarDay('from'),
    to: calendarDay('to'),
    timeZone: z.string({ error: 'timeZone is required, e.g. Europe/London' }).trim().min(1, 'timeZone is required, e.g. Europe/London').max(64, 'timeZone is too long'),
  })
  .refine((range) => span(range) >= 0, { error: 'to must be on or after from', path: ['to'] })
  .refine((range) => span(range) < MAX_STATS_DAYS, { error: `to must be at most ${MAX_STATS_DAYS} days after from (both days count)`, path: ['to'] });
export type VisitStatsQueryDto = z.input<typeof visitStatsQuery>;

const count = z.number().int().nonnegative();
const secondsOrNull = z.number().nonnegative().nullable();

export const visitFiguresDto = z.object({
  visits: count,
  completed: count,
  noShows: count,
  cancelled: count,
  medianWaitSeconds: secondsOrNull,
  p90WaitSeconds: secondsOrNull,
  medianLengthSeconds: secondsOrNull,
  deviceChecked: count,
  deviceFailed: count,
  deviceFailureRate: z.number().min(0).max(1).nullable(),
  callQuality: z.object({ measuredVisits: count, good: count, fair: count, poor: count }),
  feedback: z.object({ meanRating: z.number().min(1).max(5).nullable(), ratedVisits: count }),
});
export type VisitFiguresDto = z.infer<typeof visitFiguresDto>;

export const visitStatsDto = z.object({
  teamId: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  totals: visitFiguresDto,
  days: z.array(visitFiguresDto.extend({ day: z.string() })),
});
export type VisitStatsDto = z.infer<typeof visitStatsDto>;
