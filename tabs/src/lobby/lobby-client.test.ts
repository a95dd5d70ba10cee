import { ApiError } from '../shared/api-error';
import { createLobbyClient, linkNotValid, needsIdentity, parseLobbyView } from './lobby-client';
import type { LobbyResponse } from './lobby-client';
import { FakeLobbyServer, TOKEN, aView } from './testing/lobby-fakes';

const answer = (status: number, text: string): LobbyResponse => ({ ok: status >= 200 && status < 300, status, text: () => Promise.resolve(text) });

describe('lobby API client', () => {
  it('reads the view of its own link, same origin with cookies, never cached', async () => {
    const server = new FakeLobbyServer({ phase: 'identify' });
    const client = createLobbyClient(TOKEN, server.fetch);

    await expect(client.view()).resolves.toEqual(aView({ phase: 'identify' }));
    expect(server.calls).toEqual([{ method: 'GET', path: '', headers: { accept: 'application/json' }, credentials: 'same-origin', body: undefined }]);
    expect(client.eventsUrl).toBe(`/api/lobby/${TOKEN}/events`);
  });

  it('sends the ticket from the identity check on every later call', async () => {
    const server = new FakeLobbyServer({ phase: 'identify' });
    const client = createLobbyClient(TOKEN, server.fetch);

    await client.identify({ firstName: 'Ada', birthYear: 1968 });
    await client.deviceCheck({ camera: 'ok', microphone: 'ok', speaker: 'skipped', browser: 'ok', connection: 'ok', rttMs: 40, userAgent: null });
    const view = await client.checkIn();

    expect(view.phase).toBe('waiting');
    expect(server.calls.map((call) => [call.method, call.path, call.headers['x-lobby-ticket'] ?? null])).toEqual([
      ['POST', '/identify', null],
      ['POST', '/device-check', 'ticket-123'],
      ['POST', '/check-in', 'ticket-123'],
    ]);
    expect(server.calls[0]?.body).toEqual({ firstName: 'Ada', birthYear: 1968 });
    expect(server.calls[1]?.headers['content-type']).toBe('application/json');
  });

  it('turns the API’s errors into messages to show, and says which mean what', async () => {
    const server = new FakeLobbyServer({ phase: 'identify' });
    const client = createLobbyClient(TOKEN, server.fetch);

    const wrong = await failure(client.identify({ firstName: 'Bob', birthYear: 1968 }));
    expect(wrong).toMatchObject({ status: 403, code: 'forbidden', message: expect.stringMatching(/^Those details do not match/) });
    expect(linkNotValid(wrong)).toBe(false);

    const notYou = await failure(client.checkIn());
    expect(notYou).toMatchObject({ status: 401, message: 'Please confirm who you are first.' });
    expect(needsIdentity(notYou)).toBe(true);

    server.valid = false;
    const gone = await failure(client.view());
    expect(gone).toMatchObject({ status: 404, transient: false });
    expect(linkNotValid(gone)).toBe(true);
  });

  it('says when the clinic cannot be reached, or a proxy answers instead of the service', async () => {
    const offline = createLobbyClient(TOKEN, () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(offline.view()).rejects.toMatchObject({ code: 'network', transient: true, message: expect.stringMatching(/internet/) });

    const proxy = createLobbyClient(TOKEN, () => Promise.resolve(answer(502, '<html>Bad gateway</html>')));
    await expect(proxy.view()).rejects.toMatchObject({ code: 'unavailable', status: 502, transient: true, message: expect.stringMatching(/keeps trying/) });

    const tooMany = createLobbyClient(TOKEN, () => Promise.resolve(answer(429, JSON.stringify({ error: { code: 'rate_limited', message: 'Too many tries. Please wait a few minutes.' } }))));
    await expect(tooMany.identify({ firstName: 'A' })).rejects.toMatchObject({ status: 429, transient: true, message: 'Too many tries. Please wait a few minutes.' });

    const strangeNotFound = createLobbyClient(TOKEN, () => Promise.resolve(answer(404, 'Not Found')));
    const notFound = await failure(strangeNotFound.view());
    expect(notFound).toMatchObject({ status: 404, message: expect.stringMatching(/not valid any more/) });
    expect(linkNotValid(notFound)).toBe(true);
  });

  it('refuses an answer that is not a view', async () => {
    const client = createLobbyClient(TOKEN, () => Promise.resolve(answer(200, JSON.stringify({ phase: 'somewhere' }))));
    await expect(client.view()).rejects.toMatchObject({ code: 'bad_response' });
    expect(parseLobbyView('not json')).toBeNull();
    expect(parseLobbyView(JSON.stringify(aView({ phase: 'waiting' })))?.phase).toBe('waiting');
  });

  it('pings (204, no body) with the caller’s abort signal', async () => {
    const server = new FakeLobbyServer();
    const seen: (AbortSignal | undefined)[] = [];
    const client = createLobbyClient(TOKEN, (url, init) => {
      seen.push(init.signal);
      return server.fetch(url, init);
    });
    const controller = new AbortController();
    await expect(client.ping(controller.signal)).resolves.toBeUndefined();
    expect(seen).toEqual([controller.signal]);
    expect(server.calls[0]).toMatchObject({ method: 'GET', path: '/ping' });
  });

  it('puts the token into the path escaped', async () => {
    const urls: string[] = [];
    const client = createLobbyClient('a/b?c', (url) => {
      urls.push(url);
      return Promise.resolve(answer(204, ''));
    });
    await client.ping();
    expect(urls).toEqual(['/api/lobby/a%2Fb%3Fc/ping']);
  });
});

/** The ApiError a call rejects with (the test fails when it resolves or rejects with anything else). */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (rejected: unknown) => rejected,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}
