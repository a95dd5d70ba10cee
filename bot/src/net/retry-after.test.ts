import { retryAfterMs } from './retry-after';

describe('Retry-After', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterMs(' 7 ')).toBe(7000);
  });

  it('reads an HTTP date as the time left until it', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfterMs(inTenSeconds)).toBeGreaterThan(8000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:00 GMT')).toBe(0);
  });

  it('gives null when absent or unreadable', () => {
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
