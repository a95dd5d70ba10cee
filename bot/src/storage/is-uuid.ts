const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Postgres rejects a malformed uuid with an error; for the stores it is simply "no such row". */
export const isUuid = (value: string): boolean => UUID.test(value);
