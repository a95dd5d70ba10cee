/**
 * EHR dates are displayed as the EHR wrote them; parsing is only for ordering and staleness. FHIR's own
 * formats parse, and so does the US style some interop partners sent ("09/17/2018 1:00:00 PM" in the
 * Patients-app samples, read as UTC: only its order matters). Anything else sorts last.
 */
const FHIR_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** Milliseconds since the epoch, or null when the string is no date we know. */
export function parseLenientDate(raw: string | null | undefined): number | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (FHIR_DATE.test(value)) {
    const at = Date.parse(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value);
    return Number.isNaN(at) ? null : at;
  }
  const us = US_DATE_TIME.exec(value);
  if (!us) return null;
  const [, month, day, year, hour = '0', minute = '0', second = '0', meridiem] = us;
  let hours = Number(hour) % (meridiem ? 12 : 24);
  if (meridiem?.toLowerCase() === 'pm') hours += 12;
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day), hours, Number(minute), Number(second));
  return Number.isNaN(at) ? null : at;
}

/** Newest first by a date field; undated or unparseable items keep their order after the dated ones. */
export function newestFirst<T>(items: readonly T[], dateOf: (item: T) => string | null | undefined): T[] {
  return items
    .map((item, index) => ({ item, index, at: parseLenientDate(dateOf(item)) }))
    .sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity) || a.index - b.index)
    .map(({ item }) => item);
}

/** Whether every item is dated and none is newer than the one before: a server that honoured `_sort=-date`. */
export function isNewestFirst<T>(items: readonly T[], dateOf: (item: T) => string | null | undefined): boolean {
  let previous = Infinity;
  for (const item of items) {
    const at = parseLenientDate(dateOf(item));
    if (at === null || at > previous) return false;
    previous = at;
  }
  return items.length > 0;
}
