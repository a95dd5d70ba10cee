/**
 * Patient and guest link tokens: the visit id and its schedule version (and a guest's id), signed
 * with HMAC-SHA256 under a key derived from the service's secrets key. Nothing to store, 128 bits of
 * MAC to guess, and a reschedule or cancel (which bumps the schedule version) revokes every older link.
 * A guest's check-in code is derived from their token the same way, so it changes with the link.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { LinkTokens } from '../domain/visits/visit-types';

const MAC_BYTES = 16;
const ID_BYTES = 16;
const BODY_BYTES = ID_BYTES + 4;
const GUEST_BODY_BYTES = BODY_BYTES + ID_BYTES;

const uuidBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ''), 'hex');
function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createLinkTokens(secretsKey: Buffer): LinkTokens {
  const key = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'rounds patient link tokens v1', 32));
  const mac = (body: Buffer) => createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
  const ticketKey = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'rounds lobby tickets v1', 32));
  const ticketFor = (token: string) => createHmac('sha256', ticketKey).update(token).digest().subarray(0, MAC_BYTES).toString('base64url');
  const codeKey = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'rounds guest codes v1', 32));
  return {
    ticketFor,
    codeFor(token) {
      const number = createHmac('sha256', codeKey).update(token).digest().readUInt32BE(0) % 1_000_000;
      return String(number).padStart(6, '0');
    },
    isTicketFor(token, ticket) {
      const expected = Buffer.from(ticketFor(token));
      const given = Buffer.from(ticket);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    issue(visitId, scheduleVersion, guestId) {
      const body = Buffer.alloc(guestId === undefined ? BODY_BYTES : GUEST_BODY_BYTES);
      uuidBytes(visitId).copy(body);
      body.writeUInt32BE(scheduleVersion, ID_BYTES);
      if (guestId !== undefined) uuidBytes(guestId).copy(body, BODY_BYTES);
      return Buffer.concat([body, mac(body)]).toString('base64url');
    },
    verify(token) {
      // 48 characters: a patient's link; 70: a guest's (the body also holds the guest id).
      if (!/^(?:[A-Za-z0-9_-]{48}|[A-Za-z0-9_-]{70})$/.test(token)) return null;
      const raw = Buffer.from(token, 'base64url');
      const bodyBytes = raw.length - MAC_BYTES;
      if (bodyBytes !== BODY_BYTES && bodyBytes !== GUEST_BODY_BYTES) return null;
      const body = raw.subarray(0, bodyBytes);
      if (!timingSafeEqual(mac(body), raw.subarray(bodyBytes))) return null;
      return {
        visitId: uuidOf(body.subarray(0, ID_BYTES)),
        scheduleVersion: body.readUInt32BE(ID_BYTES),
        guestId: bodyBytes === GUEST_BODY_BYTES ? uuidOf(body.subarray(BODY_BYTES)) : null,
      };
    },
  };
}
