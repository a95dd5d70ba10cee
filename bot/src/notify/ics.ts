/**
 * RFC 5545 / RFC 5546 (iTIP) calendar objects for visit invites. One UID per visit, so a reschedule
 * (REQUEST with a higher SEQUENCE) moves the event the patient accepted and a CANCEL removes it.
 * The summary names the clinician, never the reason, so a calendar shows no clinical detail.
 */

export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  /** Stable across updates: the visit id plus a domain. */
  uid: string;
  /** The visit's scheduleVersion: each reschedule and the cancel are higher than what came before. */
  sequence: number;
  start: Date;
  end: Date;
  /** When this version was written (DTSTAMP). */
  stamp: Date;
  summary: string;
  description: string;
  /** The patient's join link; null on a cancel (the old link no longer works). */
  url: string | null;
  organizer: { name: string; email: string };
  attendeeEmail: string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** 20261124T040000Z */
export function icsDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n|\r/g, '\\n');
}

/** Parameter values are quoted; quotes and control characters cannot appear in them. */
const paramValue = (value: string): string => `"${value.replace(/["\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '')}"`;

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one space, which
 * counts toward their 75. A multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

export function buildInvite(invite: CalendarInvite): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rounds//Virtual visits//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(invite.uid)}`,
    `DTSTAMP:${icsDateTime(invite.stamp)}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTART:${icsDateTime(invite.start)}`,
    `DTEND:${icsDateTime(invite.end)}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    `DESCRIPTION:${escapeText(invite.description)}`,
    ...(invite.url ? [`LOCATION:${escapeText(invite.url)}`, `URL:${invite.url}`] : []),
    `ORGANIZER;CN=${paramValue(invite.organizer.name)}:mailto:${invite.organizer.email}`,
    // RSVP=FALSE: nobody reads replies to the sending address; Accept/Decline still files the event.
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${invite.attendeeEmail}`,
    `STATUS:${invite.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The METHOD of a stored calendar object, for the email's content type. */
export function icsMethod(ics: string): 'REQUEST' | 'CANCEL' {
  return /^METHOD:CANCEL\r?$/m.test(ics) ? 'CANCEL' : 'REQUEST';
}
