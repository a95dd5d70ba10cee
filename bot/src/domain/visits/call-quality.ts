/**
 * How a built-in room call went for one participant, from the browser's WebRTC statistics sampled
 * every ~5 s: each sample graded good / fair / poor, and per participant the worst and the median
 * grade. Thresholds follow the usual guidance for interactive video: a round trip under 300 ms is
 * not noticed in conversation (ITU-T G.114's 150 ms one way), loss above a few percent shows as
 * frozen or blocky video, and below ~100 kbit/s a video stream is barely usable.
 */

export type CallGrade = 'good' | 'fair' | 'poor';

/** One sample; a measure the browser could not take is null and does not count against the grade. */
export interface CallSample {
  /** Round trip of the selected candidate pair, ms. */
  rttMs: number | null;
  /** Packets lost of those expected since the previous sample, in percent (0-100). */
  packetLossPercent: number | null;
  /** Bitrate received since the previous sample, kbit/s; null without incoming video. */
  inboundKbps: number | null;
}

/** Good at or under each `good` bound; poor past any `poor` bound; fair in between. */
export const CALL_QUALITY_THRESHOLDS = {
  rttMs: { good: 300, poor: 600 },
  packetLossPercent: { good: 2, poor: 8 },
  inboundKbps: { good: 300, poor: 100 },
} as const;

export function gradeSample(sample: CallSample): CallGrade {
  const { rttMs, packetLossPercent, inboundKbps } = sample;
  const t = CALL_QUALITY_THRESHOLDS;
  if ((rttMs !== null && rttMs > t.rttMs.poor) || (packetLossPercent !== null && packetLossPercent > t.packetLossPercent.poor) || (inboundKbps !== null && inboundKbps < t.inboundKbps.poor)) {
    return 'poor';
  }
  if ((rttMs !== null && rttMs > t.rttMs.good) || (packetLossPercent !== null && packetLossPercent > t.packetLossPercent.good) || (inboundKbps !== null && inboundKbps < t.inboundKbps.good)) {
    return 'fair';
  }
  return 'good';
}

const ORDER: readonly CallGrade[] = ['poor', 'fair', 'good'];

export interface CallQualitySummary {
  samples: number;
  worst: CallGrade;
  /** The middle grade; of two middles, the worse (a call half good and half poor is not "good"). */
  median: CallGrade;
  /** The participant's typical call: the median of each measure over the samples that had it (null: none had it). */
  rttMs: number | null;
  packetLossPercent: number | null;
  inboundKbps: number | null;
}

/** A participant's call; null without any sample (they never got connected long enough to measure). */
export function summariseCall(samples: readonly CallSample[]): CallQualitySummary | null {
  if (samples.length === 0) return null;
  const grades = samples.map(gradeSample).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return {
    samples: samples.length,
    worst: grades[0] ?? 'poor',
    median: grades[Math.floor((grades.length - 1) / 2)] ?? 'poor',
    rttMs: rounded(median(samples.map((sample) => sample.rttMs)), 0),
    packetLossPercent: rounded(median(samples.map((sample) => sample.packetLossPercent)), 1),
    inboundKbps: rounded(median(samples.map((sample) => sample.inboundKbps)), 0),
  };
}

/**
 * A visit's call, from its participants' summaries: graded by the worst participant's median grade
 * (as the Dashboard counts it), and each measure that participant-by-participant worst typical value
 * (the longest round trip, the most loss, the least incoming video), so the figures explain the grade.
 */
export interface VisitQuality {
  grade: CallGrade;
  rttMs: number | null;
  packetLossPercent: number | null;
  inboundKbps: number | null;
  /** How many participants reported their call. */
  participants: number;
}

/** Null when nobody in the visit's call reported (a Teams meeting, or nobody got connected). */
export function summariseVisit(participants: readonly Pick<CallQualitySummary, 'median' | 'rttMs' | 'packetLossPercent' | 'inboundKbps'>[]): VisitQuality | null {
  if (participants.length === 0) return null;
  const present = (values: (number | null)[]) => values.filter((value): value is number => value !== null);
  const worst = <T>(values: T[], pick: (values: T[]) => T) => (values.length > 0 ? pick(values) : null);
  const grade = [...participants].sort((a, b) => ORDER.indexOf(a.median) - ORDER.indexOf(b.median))[0]?.median ?? 'poor';
  return {
    grade,
    rttMs: worst(present(participants.map((p) => p.rttMs)), (values) => Math.max(...values)),
    packetLossPercent: worst(present(participants.map((p) => p.packetLossPercent)), (values) => Math.max(...values)),
    inboundKbps: worst(present(participants.map((p) => p.inboundKbps)), (values) => Math.min(...values)),
    participants: participants.length,
  };
}

/** The median of the values taken (nulls left out): the mean of the two middles for an even count. */
function median(values: readonly (number | null)[]): number | null {
  const taken = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (taken.length === 0) return null;
  const middle = Math.floor(taken.length / 2);
  return taken.length % 2 === 1 ? (taken[middle] ?? null) : ((taken[middle - 1] ?? 0) + (taken[middle] ?? 0)) / 2;
}

function rounded(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
