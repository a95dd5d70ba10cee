import type { ClinicianMessage, MessageEvent } from '../../domain/messages/message-types';
import { toMessageDto, toThreadDtos } from './message-dtos';

const lee = { aadObjectId: 'lee', name: 'Dr Lee' };
const chen = { aadObjectId: 'chen', name: 'Dr Chen', email: 'chen@example.org' };
const kim = { aadObjectId: 'kim', name: 'Dr Kim' };
const viewer = (userId: string) => ({ userId, tenantId: 't1', name: userId });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

function aMessage(overrides: Partial<ClinicianMessage> = {}): ClinicianMessage {
  return {
    id: 'm1',
    tenantId: 't1',
    threadId: 'm1',
    inReplyTo: null,
    sender: lee,
    recipient: chen,
    role: 'Cardiology on call',
    backup: kim,
    priority: 'urgent',
    patient: { ref: 'p1', source: 'ehr', name: 'Ada Lovelace', mrn: 'MRN1', location: 'Bed 3' },
    text: 'Troponin up',
    team: { teamId: 'team', channelId: 'channel' },
    sentAt: at(0),
    deliveredAt: at(1),
    acknowledgedAt: null,
    acknowledgedBy: null,
    undeliverable: null,
    events: [],
    version: 1,
    ...overrides,
  };
}

const event = (kind: MessageEvent['kind'], minute: number): MessageEvent => ({ kind, at: at(minute), by: null, detail: null });

describe('message DTOs', () => {
  it('carries the escalation steps with their times, and only the contract’s fields of each person', () => {
    const dto = toMessageDto(aMessage({ events: [event('sent', 0), event('realerted', 5), event('backup_alerted', 10)] }), viewer('lee'));

    expect(dto.events).toEqual([
      { kind: 'sent', at: '2026-11-24T10:00:00.000Z', by: null, detail: null },
      { kind: 'realerted', at: '2026-11-24T10:05:00.000Z', by: null, detail: null },
      { kind: 'backup_alerted', at: '2026-11-24T10:10:00.000Z', by: null, detail: null },
    ]);
    expect(dto.recipient).toEqual({ aadObjectId: 'chen', name: 'Dr Chen' });
    expect(dto.deliveredAt).toBe('2026-11-24T10:01:00.000Z');
  });

  it('lets the recipient and the backup acknowledge, the sender only reply, the team nothing until it was escalated to them', () => {
    const message = aMessage();
    expect(toMessageDto(message, viewer('CHEN'))).toMatchObject({ canAcknowledge: true, canReply: true });
    expect(toMessageDto(message, viewer('kim'))).toMatchObject({ canAcknowledge: true, canReply: true });
    expect(toMessageDto(message, viewer('lee'))).toMatchObject({ canAcknowledge: false, canReply: true });
    expect(toMessageDto(message, viewer('someone'))).toMatchObject({ canAcknowledge: false, canReply: false });
    expect(toMessageDto(aMessage({ events: [event('channel_alerted', 15)] }), viewer('someone'))).toMatchObject({ canAcknowledge: true, canReply: true });
    expect(toMessageDto(aMessage({ acknowledgedAt: at(3), acknowledgedBy: chen }), viewer('chen'))).toMatchObject({ canAcknowledge: false, canReply: true });
  });

  it('groups messages into threads, the newest thread first and its replies oldest first', () => {
    const first = aMessage({ id: 'a', threadId: 'a', sentAt: at(0) });
    const second = aMessage({ id: 'b', threadId: 'b', sentAt: at(20) });
    const reply1 = aMessage({ id: 'a1', threadId: 'a', inReplyTo: 'a', sentAt: at(25) });
    const reply2 = aMessage({ id: 'a2', threadId: 'a', inReplyTo: 'a1', sentAt: at(30) });

    const threads = toThreadDtos([first, second, reply1, reply2], viewer('lee'));

    expect(threads.map((thread) => [thread.message.id, thread.replies.map((reply) => reply.id)])).toEqual([
      ['b', []],
      ['a', ['a1', 'a2']],
    ]);
  });
});
