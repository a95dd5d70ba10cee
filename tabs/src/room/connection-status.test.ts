import { callStatus } from './connection-status';
import type { RemoteView, RoomSnapshot } from './room-session';

const base: RoomSnapshot = {
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
};
const remote = (state: RTCPeerConnectionState): RemoteView => ({ peerId: `p-${state}`, role: 'clinician', stream: null, state });

describe('what the room says about the call', () => {
  it('says "Connecting…" while starting and while the connection is being set up', () => {
    expect(callStatus({ ...base, phase: 'starting' })).toEqual({ state: 'connecting', label: 'Connecting…' });
    expect(callStatus({ ...base, remotes: [remote('new')] })).toEqual({ state: 'connecting', label: 'Connecting…' });
    expect(callStatus({ ...base, remotes: [remote('connecting')] }).state).toBe('connecting');
  });

  it('waits for the other person, in words that fit who is waiting', () => {
    expect(callStatus(base)).toEqual({ state: 'waiting', label: 'Waiting for your clinician to join…' });
    expect(callStatus({ ...base, role: 'clinician' }).label).toBe('Waiting for the patient to join…');
  });

  it('is connected when any connection is, even while the event stream reconnects', () => {
    expect(callStatus({ ...base, remotes: [remote('failed'), remote('connected')] })).toEqual({ state: 'connected', label: 'Connected' });
    expect(callStatus({ ...base, stream: 'reconnecting', remotes: [remote('connected')] }).state).toBe('connected');
  });

  it('says "Reconnecting…" when the connection or the room drops', () => {
    expect(callStatus({ ...base, remotes: [remote('disconnected')] })).toEqual({ state: 'reconnecting', label: 'Reconnecting…' });
    expect(callStatus({ ...base, remotes: [remote('failed')] }).state).toBe('reconnecting');
    expect(callStatus({ ...base, stream: 'reconnecting' }).state).toBe('reconnecting');
  });

  it('says when the user left or was refused', () => {
    expect(callStatus({ ...base, phase: 'left' }).state).toBe('left');
    expect(callStatus({ ...base, phase: 'refused' }).state).toBe('refused');
  });
});
