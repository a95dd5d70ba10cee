import type { MessageDto } from '../../../bot/src/contracts/messages-api';
import { escalationText, routeText, stateText } from './message-text';

const clock = (iso: string) => iso.slice(11, 16);
const lee = { aadObjectId: 'lee', name: 'Dr Lee' };
const chen = { aadObjectId: 'chen', name: 'Dr Chen' };

function aMessage(overrides: Partial<MessageDto> = {}): MessageDto {
  return {
    id: 'm1',
    threadId: 'm1',
    inReplyTo: null,
    sender: { aadObjectId: 'kim', name: 'Dr Kim' },
    recipient: lee,
    role: null,
    backup: null,
    priority: 'urgent',
    patient: null,
    text: 'Troponin up',
    sentAt: '2026-11-24T10:00:00Z',
    deliveredAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    undeliverable: null,
    events: [],
    canAcknowledge: false,
    canReply: true,
    ...overrides,
  };
}

describe('message text', () => {
  it('names the role and who answered for it', () => {
    expect(routeText(aMessage())).toBe('Dr Kim → Dr Lee');
    expect(routeText(aMessage({ role: 'Cardiology on call' }))).toBe('Dr Kim → Cardiology on call (Dr Lee)');
  });

  it('says where the message is, acknowledgement first', () => {
    expect(stateText(aMessage(), clock)).toBe('Sent, not delivered yet · not acknowledged yet');
    expect(stateText(aMessage({ deliveredAt: '2026-11-24T10:01:00Z' }), clock)).toBe('Delivered 10:01 · not acknowledged yet');
    expect(stateText(aMessage({ priority: 'routine', deliveredAt: '2026-11-24T10:01:00Z' }), clock)).toBe('Delivered 10:01');
    expect(stateText(aMessage({ undeliverable: 'not-installed' }), clock)).toBe('Not delivered: Dr Lee has not added Rounds in Teams (not installed)');
    expect(stateText(aMessage({ undeliverable: 'forbidden' }), clock)).toBe('Not delivered: Teams would not let Rounds reach Dr Lee');
    expect(stateText(aMessage({ deliveredAt: '2026-11-24T10:01:00Z', acknowledgedAt: '2026-11-24T10:02:00Z', acknowledgedBy: lee }), clock)).toBe('Acknowledged by Dr Lee at 10:02');
  });

  it('lists the escalation steps taken, in order, with their times', () => {
    const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00Z`;
    const events: MessageDto['events'] = [
      { kind: 'sent', at: at(0), by: null, detail: null },
      { kind: 'delivered', at: at(0), by: null, detail: null },
      { kind: 'realerted', at: at(5), by: null, detail: null },
      { kind: 'backup_alerted', at: at(10), by: null, detail: null },
      { kind: 'channel_alerted', at: at(15), by: null, detail: null },
    ];
    expect(escalationText(aMessage({ backup: chen, events }), clock)).toBe('Re-alerted 10:05 · Sent to backup Dr Chen 10:10 · Posted to the channel 10:15');
    expect(escalationText(aMessage({ events: [{ kind: 'no_backup', at: at(10), by: null, detail: 'person' }] }), clock)).toBe('No backup to send it to');
    expect(escalationText(aMessage({ events: events.slice(0, 2) }), clock)).toBeUndefined();
  });
});
