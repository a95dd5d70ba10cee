import { gradeSample, summariseCall, summariseVisit, type CallSample } from './call-quality';

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
    expect(summariseCall([good, good, fair, poor, good])).toMatchObject({ samples: 5, worst: 'poor', median: 'good' });
    expect(summariseCall([good, poor])).toMatchObject({ samples: 2, worst: 'poor', median: 'poor' });
    expect(summariseCall([good, fair, fair])).toMatchObject({ samples: 3, worst: 'fair', median: 'fair' });
  });

  it('has no summary without a sample', () => {
    expect(summariseCall([])).toBeNull();
  });

  it('keeps the typical value of each measure: the median of the samples that had it, rounded', () => {
    const summary = summariseCall([
      { rttMs: 80.4, packetLossPercent: 0.04, inboundKbps: 1200.2 },
      { rttMs: 120, packetLossPercent: 1.26, inboundKbps: null },
      { rttMs: 100, packetLossPercent: 0.5, inboundKbps: 900 },
      { rttMs: null, packetLossPercent: 3, inboundKbps: 1000 },
    ]);
    expect(summary).toEqual({ samples: 4, worst: 'fair', median: 'good', rttMs: 100, packetLossPercent: 0.9, inboundKbps: 1000 });
  });

  it('has no value for a measure no sample had', () => {
    expect(summariseCall([{ rttMs: 90, packetLossPercent: null, inboundKbps: null }])).toMatchObject({ rttMs: 90, packetLossPercent: null, inboundKbps: null });
  });
});

describe('a visit’s call summary', () => {
  const participant = (median: 'good' | 'fair' | 'poor', rttMs: number | null, packetLossPercent: number | null, inboundKbps: number | null) => ({ median, rttMs, packetLossPercent, inboundKbps });

  it('grades the visit by its worst participant and gives the worst typical value of each measure', () => {
    expect(summariseVisit([participant('good', 90, 0.1, 1500), participant('fair', 350, 0.5, 2000), participant('good', 40, 1.5, 800)])).toEqual({
      grade: 'fair',
      rttMs: 350,
      packetLossPercent: 1.5,
      inboundKbps: 800,
      participants: 3,
    });
  });

  it('leaves out measures nobody had, and has no summary when nobody reported', () => {
    expect(summariseVisit([participant('good', 90, null, null)])).toEqual({ grade: 'good', rttMs: 90, packetLossPercent: null, inboundKbps: null, participants: 1 });
    expect(summariseVisit([])).toBeNull();
  });
});
