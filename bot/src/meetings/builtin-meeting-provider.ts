import { createHash } from 'node:crypto';
import { type MeetingProvider } from '../domain/visits/visit-types';

/**
 * Video rooms served by Rounds itself. The room id is derived from the visit id, so creating twice
 * gives the same room, and the link does not expose the visit id the API is keyed by. Nothing is
 * booked anywhere, so there is nothing to move or remove: who gets in is decided by the lobby (and
 * nobody does once the visit is over; ending it also ends the call of whoever is in the room).
 */
/** `closeRoom`: tells every browser in the room that the visit ended. */
export function createBuiltinMeetingProvider({ publicUrl, closeRoom }: { publicUrl: string; closeRoom?: (roomId: string) => Promise<void> }): MeetingProvider {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    kind: 'builtin',
    async create(visit) {
      const roomId = builtinRoomId(visit.id);
      return { provider: 'builtin', meetingId: roomId, organizerId: null, clinicianJoinUrl: `${base}/rooms/${roomId}` };
    },
    async reschedule() {},
    async cancel() {},
    async end(_visit, meeting) {
      if (meeting.provider === 'builtin') await closeRoom?.(meeting.meetingId);
    },
  };
}

export function builtinRoomId(visitId: string): string {
  return createHash('sha256').update(`rounds-room:${visitId}`).digest('base64url').slice(0, 22);
}
