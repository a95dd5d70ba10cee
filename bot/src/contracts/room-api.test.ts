import { parseIceServers, signalInput } from './room-api';

describe('ROOM_ICE_SERVERS', () => {
  it('is none when unset or blank: loopback and a LAN need no STUN or TURN server', () => {
    expect(parseIceServers(undefined)).toEqual({ iceServers: [] });
    expect(parseIceServers('  ')).toEqual({ iceServers: [] });
  });

  it('reads a JSON array of RTCIceServer', () => {
    const value = '[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478?transport=udp","turns:turn.example.org:5349"],"username":"rounds","credential":"s3cret"}]';
    expect(parseIceServers(value)).toEqual({
      iceServers: [
        { urls: 'stun:stun.example.org:3478' },
        { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'rounds', credential: 's3cret' },
      ],
    });
  });

  it('names what is wrong, and where', () => {
    expect(parseIceServers('stun:stun.example.org')).toEqual({ problem: 'ROOM_ICE_SERVERS must be a JSON array of RTCIceServer objects' });
    expect(parseIceServers('{"urls":"stun:x"}')).toEqual({ problem: expect.stringMatching(/^ROOM_ICE_SERVERS: /) });
    expect(parseIceServers('[{"urls":"stun:ok"},{"urls":"https://turn.example.org"}]')).toEqual({
      problem: 'ROOM_ICE_SERVERS[1].urls: ICE server urls must start with stun:, stuns:, turn: or turns:',
    });
    expect(parseIceServers('[{"urls":[]}]')).toEqual({ problem: expect.stringMatching(/^ROOM_ICE_SERVERS\[0\]\.urls: /) });
  });
});

describe('signal input', () => {
  const peers = { from: 'peer-aaaaaaaa', to: 'peer-bbbbbbbb' };

  it('takes offers, answers, candidates (null is the last) and bye', () => {
    expect(signalInput.safeParse({ type: 'offer', ...peers, payload: { type: 'offer', sdp: 'v=0' } }).success).toBe(true);
    expect(signalInput.safeParse({ type: 'answer', ...peers, payload: { type: 'answer', sdp: 'v=0' } }).success).toBe(true);
    expect(signalInput.safeParse({ type: 'candidate', ...peers, payload: { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } }).success).toBe(true);
    expect(signalInput.safeParse({ type: 'candidate', ...peers, payload: null }).success).toBe(true);
    expect(signalInput.safeParse({ type: 'bye', from: peers.from }).success).toBe(true);
  });

  it('refuses anything else', () => {
    expect(signalInput.safeParse({ type: 'offer', ...peers }).success).toBe(false);
    expect(signalInput.safeParse({ type: 'offer', ...peers, payload: { type: 'rollback', sdp: '' } }).success).toBe(false);
    expect(signalInput.safeParse({ type: 'offer', from: 'x', to: peers.to, payload: { type: 'offer', sdp: 'v=0' } }).success).toBe(false);
    expect(signalInput.safeParse({ type: 'offer', ...peers, to: '../../etc', payload: { type: 'offer', sdp: 'v=0' } }).success).toBe(false);
    expect(signalInput.safeParse({ type: 'hello', ...peers }).success).toBe(false);
  });
});
