/**
 * One call-quality sample from two readings of `RTCPeerConnection.getStats()` ~5 s apart: the round
 * trip of the selected candidate pair, the share of incoming packets lost and the incoming video
 * bitrate in between. The service grades the samples (POST /api/rooms/<roomId>/quality).
 */
import type { CallQualityInput } from '../../../bot/src/contracts/room-api';

export type CallSample = CallQualityInput['samples'][number];

/** What one getStats() reading adds up to; counters are totals since the call began. */
export interface StatsReading {
  atMs: number;
  rttMs: number | null;
  packetsReceived: number;
  packetsLost: number;
  /** Bytes of incoming video; null without an incoming video stream. */
  videoBytesReceived: number | null;
}

type Stat = { type: string; [field: string]: unknown };
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads a getStats() report (any iterable of its stats, as `report.values()` gives). */
export function readStats(stats: Iterable<Stat>, atMs: number): StatsReading {
  const reading: StatsReading = { atMs, rttMs: null, packetsReceived: 0, packetsLost: 0, videoBytesReceived: null };
  for (const stat of stats) {
    if (stat.type === 'candidate-pair' && stat.state === 'succeeded' && (stat.nominated === true || stat.selected === true)) {
      const rtt = num(stat.currentRoundTripTime);
      if (rtt !== null) reading.rttMs = Math.round(rtt * 1000);
    } else if (stat.type === 'inbound-rtp') {
      reading.packetsReceived += num(stat.packetsReceived) ?? 0;
      reading.packetsLost += Math.max(0, num(stat.packetsLost) ?? 0);
      const bytes = num(stat.bytesReceived);
      if (stat.kind === 'video' && bytes !== null) reading.videoBytesReceived = (reading.videoBytesReceived ?? 0) + bytes;
    }
  }
  return reading;
}

/** The sample between two readings of the same connection; what cannot be told is null. */
export function sampleBetween(before: StatsReading, after: StatsReading): CallSample {
  const seconds = (after.atMs - before.atMs) / 1000;
  const received = after.packetsReceived - before.packetsReceived;
  const lost = after.packetsLost - before.packetsLost;
  const expected = received + lost;
  const videoBytes = after.videoBytesReceived !== null && before.videoBytesReceived !== null ? after.videoBytesReceived - before.videoBytesReceived : null;
  return {
    rttMs: after.rttMs,
    packetLossPercent: expected > 0 && lost >= 0 ? Math.min(100, (lost / expected) * 100) : null,
    inboundKbps: videoBytes !== null && videoBytes >= 0 && seconds > 0 ? Math.round((videoBytes * 8) / 1000 / seconds) : null,
  };
}
