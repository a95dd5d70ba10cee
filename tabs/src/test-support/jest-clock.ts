/**
 * Runs each test of the file on jest's fake clock. Searches wait for the typing to pause
 * (SEARCH_DEBOUNCE_MS) and dialogs for their motion; Testing Library's `findBy…` and `waitFor` move a
 * fake clock on as they poll, so those waits cost no real time and the behaviour is the same.
 */
export function onJestClock(): void {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
}
