import { randomBytes, randomUUID } from 'node:crypto';
import { createLinkTokens } from './link-tokens';

describe('patient link tokens', () => {
  const tokens = createLinkTokens(randomBytes(32));

  it('verify what they issued, with the visit id and schedule version', () => {
    const visitId = randomUUID();
    expect(tokens.verify(tokens.issue(visitId, 3))).toEqual({ visitId, scheduleVersion: 3, guestId: null });
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

  it("verify a guest's link with the guest's id, distinct from the patient's and other guests' links", () => {
    const visitId = randomUUID();
    const [first, second] = [randomUUID(), randomUUID()];
    const links = [tokens.issue(visitId, 2), tokens.issue(visitId, 2, first), tokens.issue(visitId, 2, second)];
    expect(new Set(links).size).toBe(3);
    expect(tokens.verify(links[1] ?? '')).toEqual({ visitId, scheduleVersion: 2, guestId: first });
    expect(tokens.verify(links[2] ?? '')).toEqual({ visitId, scheduleVersion: 2, guestId: second });
  });

  it("refuse a guest's link whose guest id was altered", () => {
    const raw = Buffer.from(tokens.issue(randomUUID(), 1, randomUUID()), 'base64url');
    raw[25] = (raw[25] ?? 0) ^ 1;
    expect(tokens.verify(raw.toString('base64url'))).toBeNull();
  });

  it('derive a six-digit check-in code per link, which changes with the link', () => {
    const visitId = randomUUID();
    const guestId = randomUUID();
    const code = tokens.codeFor(tokens.issue(visitId, 1, guestId));
    expect(code).toMatch(/^\d{6}$/);
    expect(tokens.codeFor(tokens.issue(visitId, 1, guestId))).toBe(code);
    const others = [2, 3, 4, 5].map((version) => tokens.codeFor(tokens.issue(visitId, version, guestId)));
    expect(others.every((other) => other === code)).toBe(false);
  });

  it('issue lobby tickets that hold for their own link only', () => {
    const token = tokens.issue(randomUUID(), 1);
    const ticket = tokens.ticketFor(token);
    expect(tokens.isTicketFor(token, ticket)).toBe(true);
    expect(tokens.isTicketFor(tokens.issue(randomUUID(), 1), ticket)).toBe(false);
    expect(tokens.isTicketFor(token, 'forged')).toBe(false);
  });
});
