/**
 * HTTP contract of the visit lists the tabs show: `GET /api/me/visits` (the personal tab "My visits")
 * and `GET /api/channel-visits` (one team channel's visits, or the whole team's: the channel tab
 * "Visits", kept live by `GET /api/channel-visits/events`).
 *
 * Dates are calendar days in the viewer's time zone, not instants: `from` and `to` are YYYY-MM-DD,
 * both included, and `timeZone` is the viewer's IANA zone (e.g. Europe/London). "Today" is then
 * `from=to=<today>`, and the service works out where the viewer's days begin, DST included.
 * At most 31 days per request. `status` is a comma-separated list of visit statuses
 * (e.g. `scheduled,waiting`); without it every visit except cancelled ones is listed.
 */
import { z } from 'zod/v4';
import { visitDto, visitStatus } from './visits-api';

export const MAX_RANGE_DAYS = 31;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real YYYY-MM-DD date; null for anything else (2026-02-30 included). */
export function dayNumber(day: string): number | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, date));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== date) return null;
  return utc.getTime() / 86_400_000;
}

const calendarDay = (name: string) =>
  z
    .string({ error: `${name} is required, as a date YYYY-MM-DD` })
    .refine((value) => dayNumber(value) !== null, `${name} must be a real date as YYYY-MM-DD, e.g. 2026-11-24`);

const statusParts = (value: string) => value.split(',').map((part) => part.trim());
const statusList = z
  .string({ error: 'status must be a comma-separated list of visit statuses' })
  .refine((value) => statusParts(value).every((part) => visitStatus.safeParse(part).success), { error: `status may list: ${visitStatus.options.join(', ')}`, abort: true })
  .transform((value) => statusParts(value).map((part) => visitStatus.parse(part)));

const rangeShape = {
  from: calendarDay('from'),
  to: calendarDay('to'),
  timeZone: z.string({ error: 'timeZone is required, e.g. Europe/London' }).trim().min(1, 'timeZone is required, e.g. Europe/London').max(64, 'timeZone is too long'),
  status: statusList.optional(),
};

const id = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`).max(256, `${name} is too long`);

/** Days from `from` to `to`; null while either is malformed (that error is reported on its own). */
function span(range: { from: string; to: string }): number | null {
  const from = dayNumber(range.from);
  const to = dayNumber(range.to);
  return from === null || to === null ? null : to - from;
}

/** Refinements go last: zod cannot extend a refined object. They name `to`, the field to fix. */
function withRangeRules<S extends z.ZodType<{ from: string; to: string }>>(schema: S): S {
  return schema
    .refine((range) => (span(range) ?? 0) >= 0, { error: 'to must be on or after from', path: ['to'] })
    .refine((range) => (span(range) ?? 0) < MAX_RANGE_DAYS, { error: `to must be at most ${MAX_RANGE_DAYS} days after from (both days count)`, path: ['to'] });
}

/** Query of GET /api/me/visits: visits where the caller is a clinician or the one who scheduled it. */
export const myVisitsQuery = withRangeRules(z.object(rangeShape));
export type MyVisitsQuery = z.input<typeof myVisitsQuery>;

/**
 * Query of GET /api/channel-visits: visits asked for in this channel, or without `channelId` in any
 * channel of the team (the Visits tab's "the whole team"); team members only.
 */
export const channelVisitsQuery = withRangeRules(z.object({ ...rangeShape, teamId: id('teamId'), channelId: id('channelId').optional() }));
export type ChannelVisitsQuery = z.input<typeof channelVisitsQuery>;

/** Query of GET /api/channel-visits/events: the same team, and channel or not, as the list it keeps fresh. */
export const channelVisitEventsQuery = z.object({ teamId: id('teamId'), channelId: id('channelId').optional() });
export type ChannelVisitEventsQuery = z.input<typeof channelVisitEventsQuery>;

/**
 * Server-sent event on /api/channel-visits/events: one visit of the list changed (scheduled, moved,
 * cancelled, someone checked in, was admitted, wrote from the waiting room, the visit ended). Ids only:
 * the page reads the list, and that visit's lobby, again.
 */
export const visitChangedEvent = z.object({ visitId: z.string() });
export type VisitChangedEvent = z.infer<typeof visitChangedEvent>;

/** Body of `POST /api/me/visits/<id>/admit-when-ready`: "Let them in when I'm ready" on or off. */
export const admitWhenReadyInput = z.object({ on: z.boolean({ error: 'on must be true or false' }) });

/** Answer of both list routes, ordered by start time. */
export const visitBoard = z.object({ visits: z.array(visitDto) });
export type VisitBoard = z.infer<typeof visitBoard>;
