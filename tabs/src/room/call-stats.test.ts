import { readStats, sampleBetween } from './call-stats';

const report = (packetsReceived: number, packetsLost: number, videoBytes: number, rttSeconds: number) => [
  { type: 'candidate-pair', state: 'succeeded', nominated: false, currentRoundTripTime: 2 },
  { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: rttSeconds },
  { type: 'inbound-rtp', kind: 'audio', packetsReceived: packetsReceived / 2, packetsLost: packetsLost / 2, bytesReceived: 1000 },
  { type: 'inbound-rtp', kind: 'video', packetsReceived: packetsReceived / 2, packetsLost: packetsLost / 2, bytesReceived: videoBytes },
  { type: 'outbound-rtp', kind: 'video', packetsSent: 999, bytesSent: 999_999 },
];

describe('call statistics between two readings', () => {
  it('gives the selected pair’s round trip, the loss and the incoming video bitrate over the interval', () => {
    const before = readStats(report(1000, 0, 1_000_000, 0.05), 0);
    const after = readStats(report(1950, 50, 1_750_000, 0.12), 5000);

    // 950 received and 50 lost since: 5%; 750 000 bytes of video in 5 s: 1200 kbit/s.
    expect(sampleBetween(before, after)).toEqual({ rttMs: 120, packetLossPercent: 5, inboundKbps: 1200 });
  });

  it('says nothing it cannot tell: no incoming video, no packets, no selected pair', () => {
    const quiet = [{ type: 'inbound-rtp', kind: 'audio', packetsReceived: 10, packetsLost: 0, bytesReceived: 100 }];
    expect(sampleBetween(readStats(quiet, 0), readStats(quiet, 5000))).toEqual({ rttMs: null, packetLossPercent: null, inboundKbps: null });
  });
});
