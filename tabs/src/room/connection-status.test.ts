import { callStatus } from './connection-status';
import type { RemoteView } from './room-session';
import { inRoom } from './testing/room-snapshots';

const remote = (state: RTCPeerConnectionState): RemoteView => ({ peerId: `p-${state}`, role: 'clinician', stream: null, state });

describe('what the room says about the call', () => {
  it('says "Connecting…" while starting and while the connection is being set up', () => {
    expect(callStatus({ ...inRoom, phase: 'starting' })).toEqual({ state: 'connecting', label: 'Connecting…' });
    expect(callStatus({ ...inRoom, remotes: [remote('new')] })).toEqual({ state: 'connecting', label: 'Connecting…' });
    expect(callStatus({ ...inRoom, remotes: [remote('connecting')] }).state).toBe('connecting');
  });

  it('waits for the other person, in words that fit who is waiting', () => {
    expect(callStatus(inRoom)).toEqual({ state: 'waiting', label: 'Waiting for your clinician to join…' });
    expect(callStatus({ ...inRoom, role: 'clinician' }).label).toBe('Waiting for the patient to join…');
  });

  it('is connected when any connection is, even while the event stream reconnects', () => {
    expect(callStatus({ ...inRoom, remotes: [remote('failed'), remote('connected')] })).toEqual({ state: 'connected', label: 'Connected' });
    expect(callStatus({ ...inRoom, stream: 'reconnecting', remotes: [remote('connected')] }).state).toBe('connected');
  });

  it('says "Reconnecting…" when the connection or the room drops', () => {
    expect(callStatus({ ...inRoom, remotes: [remote('disconnected')] })).toEqual({ state: 'reconnecting', label: 'Reconnecting…' });
    expect(callStatus({ ...inRoom, remotes: [remote('failed')] }).state).toBe('reconnecting');
    expect(callStatus({ ...inRoom, stream: 'reconnecting' }).state).toBe('reconnecting');
  });

  it('says when the user left or was refused', () => {
    expect(callStatus({ ...inRoom, phase: 'left' }).state).toBe('left');
    expect(callStatus({ ...inRoom, phase: 'refused' }).state).toBe('refused');
  });
});
