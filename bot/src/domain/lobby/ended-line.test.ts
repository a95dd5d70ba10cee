import { endedDetail, endedLineDue, endedOutcome, qualityOf, type EndedLine } from './ended-line';
import type { TimelineEvent } from './lobby-types';

const END = new Date('2031-03-10T09:30:00Z');
const line: EndedLine = { visitId: 'v1', actor: 'dr-lee', reason: 'clinician', endedAt: END.toISOString(), lengthSeconds: 754, admitted: true, awaiting: ['patient', 'dr-lee'] };
const later = (ms: number) => new Date(END.getTime() + ms);
const event = (kind: TimelineEvent['kind'], actor: string, detail: TimelineEvent['detail'] = {}): TimelineEvent => ({ visitId: 'v1', kind, at: END, actor, detail });
const call = (actor: string, median: string, rttMs: number | null = 80, packetLossPercent: number | null = 0, inboundKbps: number | null = 1500) =>
  event('call_quality', actor, { samples: 12, worst: median, median, rttMs, packetLossPercent, inboundKbps });

describe('when the ended line is written', () => {
  it('waits for everyone who was in the room at the end, looking again every 2 s', () => {
    expect(endedLineDue(line, [call('patient', 'good')], later(2_000))).toEqual(later(4_000));
    expect(endedLineDue(line, [call('patient', 'good'), call('dr-lee', 'good')], later(2_000))).toBe('now');
  });

  it('stops waiting 30 s after the end for a page that never reports', () => {
    expect(endedLineDue(line, [], later(29_000))).toEqual(later(30_000));
    expect(endedLineDue(line, [], later(30_000))).toBe('now');
  });
});

describe('the visit’s call, from its participants’ reports', () => {
  it('takes the latest report of each participant, graded by the worst of them', () => {
    const quality = qualityOf([call('patient', 'poor', 900), call('patient', 'good', 90), call('guest:g1', 'fair', 400, 3, 250), event('admitted', 'dr-lee')]);
    expect(quality).toEqual({ grade: 'fair', rttMs: 400, packetLossPercent: 3, inboundKbps: 250, participants: 2 });
  });

  it('counts a report from before the measures were kept by its grade alone, and has nothing without a report', () => {
    expect(qualityOf([event('call_quality', 'patient', { samples: 3, worst: 'poor', median: 'fair' })])).toEqual({ grade: 'fair', rttMs: null, packetLossPercent: null, inboundKbps: null, participants: 1 });
    expect(qualityOf([event('admitted', 'dr-lee')])).toBeNull();
  });
});

describe('what the ended line says, and reads back as', () => {
  it('keeps reason, length and admitted as before, with the quality beside them', () => {
    const quality = { grade: 'good' as const, rttMs: 80, packetLossPercent: 0, inboundKbps: 1500, participants: 2 };
    const detail = endedDetail(line, quality);
    expect(detail).toEqual({ reason: 'clinician', lengthSeconds: 754, admitted: true, quality });
    expect(endedOutcome(event('ended', 'dr-lee', detail))).toEqual({ lengthSeconds: 754, quality });
  });

  it('reads nulls before the line exists, and for a line of an unmeasured call or an older line without quality', () => {
    expect(endedOutcome(undefined)).toEqual({ lengthSeconds: null, quality: null });
    expect(endedOutcome(event('ended', 'system', endedDetail(line, null)))).toEqual({ lengthSeconds: 754, quality: null });
    expect(endedOutcome(event('ended', 'system', { reason: 'end_time', lengthSeconds: 60, admitted: true }))).toEqual({ lengthSeconds: 60, quality: null });
  });
});
