/** What "now" and "my time zone" are for a page; tests pin both. */
export interface Clock {
  now: () => Date;
  timeZone: string;
}

export const browserClock: Clock = { now: () => new Date(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
