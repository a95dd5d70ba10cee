/**
 * What the page says about the call, from the session's snapshot. `state` is also put on the page
 * (data-state) so tests and support staff can read it without parsing words.
 */
import type { RoomRole } from '../../../bot/src/contracts/room-api';
import type { RoomSnapshot } from './room-session';

export type CallState = 'connecting' | 'waiting' | 'connected' | 'reconnecting' | 'left' | 'refused';

export interface CallStatus {
  state: CallState;
  label: string;
}

export function callStatus(snapshot: RoomSnapshot): CallStatus {
  switch (snapshot.phase) {
    case 'left':
      return { state: 'left', label: snapshot.visitEnded ? 'The visit has ended.' : 'You left the visit.' };
    case 'refused':
      return { state: 'refused', label: 'You are not in the visit.' };
    case 'starting':
      return { state: 'connecting', label: 'Connecting…' };
    case 'in-room':
      break;
  }
  const states = snapshot.remotes.map((remote) => remote.state);
  if (states.includes('connected')) return { state: 'connected', label: 'Connected' };
  if (states.some((state) => state === 'disconnected' || state === 'failed')) return { state: 'reconnecting', label: 'Reconnecting…' };
  if (snapshot.stream === 'reconnecting') return { state: 'reconnecting', label: 'Reconnecting…' };
  if (states.length > 0) return { state: 'connecting', label: 'Connecting…' };
  return { state: 'waiting', label: waitingFor(snapshot.role) };
}

function waitingFor(role: RoomRole | null): string {
  switch (role) {
    case 'patient':
    case 'guest':
      return 'Waiting for your clinician to join…';
    case 'clinician':
      return 'Waiting for the patient to join…';
    case null:
      return 'Waiting for the other person to join…';
  }
}
