import { ApiError } from '../shared/api-error';
import { createRoomClient, refused } from './room-client';
import type { RoomFetch, RoomRequest } from './room-client';

interface Call {
  url: string;
  init: RoomRequest;
}

const answer = (status: number, body: unknown) => ({ ok: status < 300, status, text: async () => (body === undefined ? '' : JSON.stringify(body)) });

function recording(respond: (call: Call) => Promise<ReturnType<typeof answer>>) {
  const calls: Call[] = [];
  const fetchFn: RoomFetch = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetchFn };
}

const headers = async () => ({ 'x-room-patient': 'tok' });

describe('the room API client', () => {
  it('reads the ICE servers, sending the credential', async () => {
    const { calls, fetchFn } = recording(async () => answer(200, { iceServers: [{ urls: 'stun:stun.example.org' }] }));
    const client = createRoomClient('AbCdEfGhIjKlMnOpQrSt_-', headers, fetchFn);
    expect(await client.config()).toEqual({ iceServers: [{ urls: 'stun:stun.example.org' }] });
    expect(calls[0]).toMatchObject({ url: '/api/rooms/AbCdEfGhIjKlMnOpQrSt_-/config', init: { method: 'GET', headers: { 'x-room-patient': 'tok' }, cache: 'no-store' } });
  });

  it('sends signals one at a time, in order, even when one is slow', async () => {
    const releases: (() => void)[] = [];
    const { calls, fetchFn } = recording(() => new Promise((resolve) => releases.push(() => resolve(answer(204, undefined)))));
    const client = createRoomClient('room-id-0123456789', headers, fetchFn);
    const first = client.signal({ type: 'offer', from: 'me-000000', to: 'you-00000', payload: { type: 'offer', sdp: 'v=0' } });
    const second = client.signal({ type: 'candidate', from: 'me-000000', to: 'you-00000', payload: null });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(1);
    releases[0]!();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1]!.init.body!)).toMatchObject({ type: 'candidate', payload: null });
    releases[1]!();
    await second;
  });

  it('once its page has left the room, cancels the signal on its way and sends none of those queued', async () => {
    let release = () => undefined as void;
    const { calls, fetchFn } = recording(() => new Promise((resolve) => (release = () => resolve(answer(204, undefined)))));
    const client = createRoomClient('room-id-0123456789', headers, fetchFn);
    const leaving = new AbortController();
    const first = client.signal({ type: 'offer', from: 'me-000000', to: 'you-00000', payload: { type: 'offer', sdp: 'v=0' } }, leaving.signal);
    const queued = client.signal({ type: 'candidate', from: 'me-000000', to: 'you-00000', payload: null }, leaving.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls[0]!.init.signal).toBe(leaving.signal);
    leaving.abort();
    release();
    await first;
    await expect(queued).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it("turns the API's refusals into ApiErrors with its message, and keeps going after one", async () => {
    let status = 403;
    const { fetchFn } = recording(async () => answer(status, { error: { code: 'forbidden', message: 'Not yet.' } }));
    const client = createRoomClient('room-id-0123456789', headers, fetchFn);
    const notYet = await client.signal({ type: 'bye', from: 'me-000000' }).catch((error: unknown) => error);
    expect(notYet).toBeInstanceOf(ApiError);
    expect(notYet).toMatchObject({ code: 'forbidden', message: 'Not yet.', status: 403 });
    expect(refused(notYet)).toBe(true);
    status = 204;
    await expect(client.signal({ type: 'bye', from: 'me-000000' })).resolves.toBeUndefined();
  });

  it('calls a lost connection or a proxy page a network problem worth retrying', async () => {
    const down = createRoomClient('room-id-0123456789', headers, async () => {
      throw new TypeError('Failed to fetch');
    });
    const lost = await down.config().catch((error: unknown) => error);
    expect(lost).toMatchObject({ code: 'network', transient: true });
    expect(refused(lost)).toBe(false);
    const proxy = createRoomClient('room-id-0123456789', headers, async () => ({ ok: false, status: 502, text: async () => '<html>Bad gateway</html>' }));
    const gateway = await proxy.config().catch((error: unknown) => error);
    expect(gateway).toMatchObject({ code: 'unavailable', status: 502, transient: true });
    expect(refused(gateway)).toBe(false);
  });

  it('says goodbye with keepalive, so it is sent while the page closes', async () => {
    const { calls, fetchFn } = recording(async () => answer(204, undefined));
    createRoomClient('room-id-0123456789', headers, fetchFn).leave('me-000000');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls[0]?.init).toMatchObject({ method: 'POST', keepalive: true, body: JSON.stringify({ type: 'bye', from: 'me-000000' }) });
  });
});
