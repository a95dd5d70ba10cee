import { wallClockOf } from '../../bot/src/domain/visits/zoned-time';

/** Zones whose offsets are spread round the clock: at any instant, it is day in at least one of them. */
const ZONES = ['Europe/Amsterdam', 'America/New_York', 'Asia/Tokyo', 'Pacific/Honolulu', 'Asia/Kolkata'];

/**
 * A time zone where it is between 03:00 and 20:00 now, so a visit seeded up to a few hours from now
 * is today there. Tests that read "today" use it and pass whatever the hour they run at; in UTC, a
 * visit in five minutes is tomorrow from 23:55.
 */
export function aZoneWhereItIsDay(now: Date = new Date()): string {
  const zone = ZONES.find((candidate) => {
    const hour = Number(wallClockOf(now, candidate).time.slice(0, 2));
    return hour >= 3 && hour < 20;
  });
  if (!zone) throw new Error(`none of ${ZONES.join(', ')} is between 03:00 and 20:00 at ${now.toISOString()}`);
  return zone;
}
