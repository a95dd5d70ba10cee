import { buildInvite, escapeText, foldLine, icsDateTime, icsMethod, type CalendarInvite } from './ics';

const invite: CalendarInvite = {
  method: 'REQUEST',
  uid: '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd@rounds',
  sequence: 1,
  start: new Date('2026-11-24T04:30:00Z'),
  end: new Date('2026-11-24T05:00:00Z'),
  stamp: new Date('2026-11-01T10:00:00.123Z'),
  summary: 'Video visit with Dr Lee',
  description: 'Join your video visit at that time: https://rounds.example/lobby/abc',
  url: 'https://rounds.example/lobby/' + 'a'.repeat(120),
  organizer: { name: 'Northside, "Virtual" Care', email: 'no-reply@hospital.example' },
  attendeeEmail: 'maria@example.net',
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '');
const lines = (ics: string) => unfold(ics).split('\r\n');

describe('calendar invites', () => {
  it('writes a REQUEST with a stable UID, the schedule version as SEQUENCE and UTC times', () => {
    const all = lines(buildInvite(invite));
    expect(all).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        'UID:3f1c2a9e-8b7d-4c6e-9f01-23456789abcd@rounds',
        'SEQUENCE:1',
        'DTSTART:20261124T043000Z',
        'DTEND:20261124T050000Z',
        'DTSTAMP:20261101T100000Z',
        'SUMMARY:Video visit with Dr Lee',
        `URL:${invite.url}`,
        'STATUS:CONFIRMED',
      ]),
    );
    expect(all[0]).toBe('BEGIN:VCALENDAR');
  });

  it('cancels the same event with METHOD:CANCEL, STATUS:CANCELLED and no link', () => {
    const all = lines(buildInvite({ ...invite, method: 'CANCEL', sequence: 2, url: null }));
    expect(all).toEqual(expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'SEQUENCE:2', `UID:${invite.uid}`]));
    expect(all.some((line) => line.startsWith('URL:'))).toBe(false);
  });

  it('uses CRLF line endings only, and ends with one', () => {
    const ics = buildInvite(invite);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds every line at 75 octets', () => {
    const ics = buildInvite({ ...invite, description: 'Ünïcödé ✓ '.repeat(30) });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`DESCRIPTION:${'Ünïcödé ✓ '.repeat(30)}`);
  });

  it('never splits a multi-byte character when folding', () => {
    const folded = foldLine('X'.repeat(73) + '✓✓');
    const [first, second] = folded.split('\r\n');
    expect(first).toBe('X'.repeat(73));
    expect(second).toBe(' ✓✓');
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('quotes the organizer name so a comma or quote cannot break the line', () => {
    expect(unfold(buildInvite(invite))).toContain('ORGANIZER;CN="Northside,  Virtual  Care":mailto:no-reply@hospital.example');
  });

  it('reads back the method of a stored invite', () => {
    expect(icsMethod(buildInvite(invite))).toBe('REQUEST');
    expect(icsMethod(buildInvite({ ...invite, method: 'CANCEL' }))).toBe('CANCEL');
    expect(icsDateTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });
});
