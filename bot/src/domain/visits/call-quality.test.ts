import { gradeSample, summariseCall, type CallSample } from './call-quality';

const sample = (overrides: Partial<CallSample> = {}): CallSample => ({ rttMs: 80, packetLossPercent: 0, inboundKbps: 1200, ...overrides });

describe('grading one sample of a call', () => {
  it('grades a quick, clean, well-fed call good, up to and including each good bound', () => {
    expect(gradeSample(sample())).toBe('good');
    expect(gradeSample(sample({ rttMs: 300, packetLossPercent: 2, inboundKbps: 300 }))).toBe('good');
  });

  it.each([
    ['a round trip over 300 ms', { rttMs: 301 }],
    ['loss over 2%', { packetLossPercent: 2.5 }],
    ['under 300 kbit/s received', { inboundKbps: 299 }],
  ])('grades %s fair', (_case, overrides) => {
    expect(gradeSample(sample(overrides))).toBe('fair');
  });

  it.each([
    ['a round trip over 600 ms', { rttMs: 601 }],
    ['loss over 8%', { packetLossPercent: 9 }],
    ['under 100 kbit/s received', { inboundKbps: 99 }],
  ])('grades %s poor, however good the rest', (_case, overrides) => {
    expect(gradeSample(sample(overrides))).toBe('poor');
  });

  it('does not count a measure the browser could not take (no incoming video) against the call', () => {
    expect(gradeSample({ rttMs: 100, packetLossPercent: null, inboundKbps: null })).toBe('good');
    expect(gradeSample({ rttMs: null, packetLossPercent: null, inboundKbps: null })).toBe('good');
  });
});

describe('a participant’s call summary', () => {
  it('gives the worst grade and the median, the worse of two middles', () => {
    const good = sample();
    const fair = sample({ rttMs: 400 });
    const poor = sample({ packetLossPercent: 20 });
    expect(summariseCall([good, good, fair, poor, good])).toEqual({ samples: 5, worst: 'poor', median: 'good' });
    expect(summariseCall([good, poor])).toEqual({ samples: 2, worst: 'poor', median: 'poor' });
    expect(summariseCall([good, fair, fair])).toEqual({ samples: 3, worst: 'fair', median: 'fair' });
  });

  it('has no summary without a sample', () => {
    expect(summariseCall([])).toBeNull();
  });
});
