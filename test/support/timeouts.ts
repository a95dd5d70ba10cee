/**
 * The limit for a hook that starts the service, a database or a browser. A quiet machine needs a few
 * seconds; one whose cores other jobs keep busy has taken over 30 s (jest's default) for the same start.
 * Its own module: a suite that needs only the limit does not load the whole service with it.
 */
export const SERVICE_START_TIMEOUT_MS = 180_000;
