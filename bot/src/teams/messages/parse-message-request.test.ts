import { isMessageCommand, parseMessageRequest } from './parse-message-request';

describe('reading a message request', () => {
  it('reads the recipient, the patient and the text', () => {
    expect(parseMessageRequest('message Dr Lee about Jane Doe: K+ 6.1 this morning, please review')).toEqual({
      kind: 'complete',
      request: { priority: 'routine', to: 'Dr Lee', about: 'Jane Doe', text: 'K+ 6.1 this morning, please review' },
    });
  });

  it('reads urgent and STAT, and a role as the recipient', () => {
    expect(parseMessageRequest('Urgent message cardiology on call about Jane Doe: chest pain, troponin rising')).toMatchObject({
      kind: 'complete',
      request: { priority: 'urgent', to: 'cardiology on call', about: 'Jane Doe' },
    });
    expect(parseMessageRequest('stat message Dr Lee: come to bed 12')).toEqual({ kind: 'complete', request: { priority: 'stat', to: 'Dr Lee', about: null, text: 'come to bed 12' } });
  });

  it('keeps colons in the text and accepts "to"', () => {
    expect(parseMessageRequest('message to Dr Lee about Jane Doe: BP 90/60: recheck at 10:30')).toMatchObject({ request: { to: 'Dr Lee', text: 'BP 90/60: recheck at 10:30' } });
  });

  it('returns what it could read when the text or the recipient is missing', () => {
    expect(parseMessageRequest('message')).toEqual({ kind: 'partial', priority: 'routine', draft: {} });
    expect(parseMessageRequest('urgent message Dr Lee about Jane Doe')).toEqual({ kind: 'partial', priority: 'urgent', draft: { to: 'Dr Lee', about: 'Jane Doe' } });
  });

  it('recognises the command only at the start', () => {
    expect(isMessageCommand('message Dr Lee: hi')).toBe(true);
    expect(isMessageCommand('STAT message Dr Lee: hi')).toBe(true);
    expect(isMessageCommand('messages')).toBe(false);
    expect(isMessageCommand('schedule a visit')).toBe(false);
  });
});
