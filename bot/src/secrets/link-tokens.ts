/**
 * Patient link tokens: the visit id and its schedule version, signed with HMAC-SHA256 under a key
 * derived from the service's secrets key. Nothing to store, 128 bits of MAC to guess, and a
 * reschedule or cancel (which bumps the schedule version) revokes every older link.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { LinkTokens } from '../domain/visits/visit-types';

const MAC_BYTES = 16;
const ID_BYTES = 16;
const TOKEN_BYTES = ID_BYTES + 4 + MAC_BYTES;

export function createLinkTokens(secretsKey: Buffer): LinkTokens {
  const key = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'rounds patient link tokens v1', 32));
  const mac = (body: Buffer) => createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  const ticketKey = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'rounds lobby tickets v1', 32));
  const ticketFor = (token: string) => createHmac('sha256', ticketKey).update(token).digest().subarray(0, MAC_BYTES).toString('base64url');
  return {
    ticketFor,
    isTicketFor(token, ticket) {
      const expected = Buffer.from(ticketFor(token));
      const given = Buffer.from(ticket);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    issue(visitId, scheduleVersion) {
      const body = Buffer.alloc(ID_BYTES + 4);
      Buffer.from(visitId.replace(/-/g, ''), 'hex').copy(body);
      body.writeUInt32BE(scheduleVersion, ID_BYTES);
      return Buffer.concat([body, mac(body)]).toString('base64url');
    },
    verify(token) {
      if (!/^[A-Za-z0-9_-]{48}$/.test(token)) return null;
      const raw = Buffer.from(token, 'base64url');
      if (raw.length !== TOKEN_BYTES) return null;
      const body = raw.subarray(0, ID_BYTES + 4);
      if (!timingSafeEqual(mac(body), raw.subarray(ID_BYTES + 4))) return null;
      const hex = body.subarray(0, ID_BYTES).toString('hex');
      const visitId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      return { visitId, scheduleVersion: body.readUInt32BE(ID_BYTES) };
    },
  };
}
