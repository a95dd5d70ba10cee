import type { RoomSnapshot } from '../room-session';

/** A patient in the room with camera and microphone on, nobody else there yet; tests change what they are about. */
export const inRoom: RoomSnapshot = {
  phase: 'in-room',
  role: 'patient',
  stream: 'live',
  local: null,
  mediaProblem: null,
  hasMicrophone: true,
  hasCamera: true,
  micOn: true,
  cameraOn: true,
  remotes: [],
  error: null,
  visitEnded: false,
  actionProblem: null,
  callSamples: 0,
};
