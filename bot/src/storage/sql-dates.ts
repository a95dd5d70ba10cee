/** Timestamps as the backends hand them over: PGlite and node-postgres give Dates, JSON columns give strings. */
export const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export const toDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : toDate(value));
