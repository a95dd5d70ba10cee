import { createHash } from 'node:crypto';
import { type MeetingProvider } from '../domain/visits/visit-types';

/**
 * Video rooms served by Rounds itself. The room id is derived from the visit id, so creating twice
 * gives the same room, and the link does not expose the visit id the API is keyed by. Nothing is
 * booked anywhere, so there is nothing to move, remove or end: who gets in is decided by the lobby
 * (and nobody does once the visit is over).
 */
export function createBuiltinMeetingProvider({ publicUrl }: { publicUrl: string }): MeetingProvider {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    kind: 'builtin',
    async create(visit) {
      const roomId = builtinRoomId(visit.id);
      return { provider: 'builtin', meetingId: roomId, organizerId: null, clinicianJoinUrl: `${base}/rooms/${roomId}` };
    },
    async reschedule() {},
    async cancel() {},
    async end() {},
  };
}

export function builtinRoomId(visitId: string): string {
  return createHash('sha256').update(`rounds-room:${visitId}`).digest('base64url').slice(0, 22);
}
