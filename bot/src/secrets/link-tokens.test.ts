import { randomBytes, randomUUID } from 'node:crypto';
import { createLinkTokens } from './link-tokens';

describe('patient link tokens', () => {
  const tokens = createLinkTokens(randomBytes(32));

  it('verify what they issued, with the visit id and schedule version', () => {
    const visitId = randomUUID();
    expect(tokens.verify(tokens.issue(visitId, 3))).toEqual({ visitId, scheduleVersion: 3 });
  });

  it('carry at least 128 bits that cannot be guessed', () => {
    const token = tokens.issue(randomUUID(), 1);
    expect(Buffer.from(token, 'base64url').length - 16 - 4).toBeGreaterThanOrEqual(16);
  });

  it('refuse a token whose version or visit was altered', () => {
    const raw = Buffer.from(tokens.issue(randomUUID(), 1), 'base64url');
    raw[19] = 2;
    expect(tokens.verify(raw.toString('base64url'))).toBeNull();
  });

  it('refuse tokens signed with another key, and malformed ones', () => {
    const other = createLinkTokens(randomBytes(32));
    expect(tokens.verify(other.issue(randomUUID(), 1))).toBeNull();
    expect(tokens.verify('short')).toBeNull();
    expect(tokens.verify('../../etc/passwd')).toBeNull();
  });

  it('issue lobby tickets that hold for their own link only', () => {
    const token = tokens.issue(randomUUID(), 1);
    const ticket = tokens.ticketFor(token);
    expect(tokens.isTicketFor(token, ticket)).toBe(true);
    expect(tokens.isTicketFor(tokens.issue(randomUUID(), 1), ticket)).toBe(false);
    expect(tokens.isTicketFor(token, 'forged')).toBe(false);
  });
});
