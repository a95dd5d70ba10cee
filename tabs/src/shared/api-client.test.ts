import { me, patientsConfig } from '../../../bot/src/contracts/api';
import { devClientConfig, fakeApi } from '../test-support/fake-api';
import type { FakeRoute } from '../test-support/fake-api';
import { ApiError } from './api-error';
import { connectApi, toApiError } from './api-client';

const configRoute = (devMode: boolean): FakeRoute => ({
  method: 'GET',
  url: '/api/client-config',
  json: { ...devClientConfig, devMode, appId: devMode ? null : 'app-id' },
});
const alice = { userId: 'u1', name: 'Alice Moreau', tenantId: 't1' };

async function connect(routes: FakeRoute[], inTeams = false, getToken = () => Promise.resolve('sso-token')) {
  const api = fakeApi(routes);
  const client = await connectApi({ inTeams, getToken, fetch: api.fetch });
  return { api, client };
}

/** Resolves to the error a promise rejects with, failing the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api-client errors', () => {
  it('turns an API error body into an ApiError with its code, message and field', async () => {
    const { client } = await connect([
      configRoute(true),
      {
        method: 'PUT',
        url: '/api/patients/config',
        status: 400,
        json: { error: { code: 'validation_failed', message: 'Choose how this channel gets its patients.', field: 'mode' } },
      },
    ]);

    const error = await rejectionOf(client.put('/api/patients/config', { teamId: 't', channelId: 'c' }, patientsConfig));

    expect(error).toMatchObject({ code: 'validation_failed', message: 'Choose how this channel gets its patients.', field: 'mode', status: 400 });
  });

  it('gives a generic message when a gateway answers 502 with a page that is not JSON', async () => {
    const { client } = await connect([configRoute(true), { method: 'GET', url: '/api/me', status: 502, text: '<html><body>Bad Gateway</body></html>' }]);

    const error = await rejectionOf(client.get('/api/me', me));

    expect(error.code).toBe('http_error');
    expect(error.status).toBe(502);
    expect(error.message).toBe('The Rounds service could not complete the request (HTTP 502). Try again in a moment.');
    expect(error.field).toBeUndefined();
  });

  it('reports a success body that breaks the contract instead of passing it on', async () => {
    const { client } = await connect([configRoute(true), { method: 'GET', url: '/api/me', json: { name: 'no ids' } }]);

    const error = await rejectionOf(client.get('/api/me', me));

    expect(error.code).toBe('invalid_response');
    expect(error.message).not.toMatch(/userId|zod|expected/i);
  });

  it('reports an unreachable service as a network error', async () => {
    const { client } = await connect([configRoute(true)]);

    const error = await rejectionOf(client.get('/api/me', me));

    expect(error.code).toBe('network_error');
  });

  it('wraps unknown errors so their text never reaches the user', () => {
    const error = toApiError(new TypeError('Cannot read properties of undefined (reading "x")'));

    expect(error.code).toBe('unexpected');
    expect(error.message).not.toMatch(/undefined/);
  });
});

describe('api-client requests', () => {
  it('sends query parameters and returns the validated body', async () => {
    const { api, client } = await connect([configRoute(true), { method: 'GET', url: '/api/me?x=1', json: alice }]);

    await expect(client.get('/api/me', me, { x: '1' })).resolves.toEqual(alice);
    expect(api.unexpected).toEqual([]);
  });

  it('attaches the Teams SSO token inside Teams when the API is not in dev mode', async () => {
    const { api, client } = await connect([configRoute(false), { method: 'GET', url: '/api/me', json: alice }], true);

    await client.get('/api/me', me);

    expect(api.requests.map((r) => r.headers['Authorization'])).toEqual([undefined, 'Bearer sso-token']);
  });

  it('sends no token in dev mode, even inside Teams', async () => {
    const getToken = jest.fn(() => Promise.resolve('sso-token'));
    const { api, client } = await connect([configRoute(true), { method: 'GET', url: '/api/me', json: alice }], true, getToken);

    await client.get('/api/me', me);

    expect(api.requests[1]?.headers['Authorization']).toBeUndefined();
    expect(getToken).not.toHaveBeenCalled();
  });

  it('reports a failed Teams sign-in as such', async () => {
    const { client } = await connect([configRoute(false)], true, () => Promise.reject(new Error('resourceRequiresConsent')));

    const error = await rejectionOf(client.get('/api/me', me));

    expect(error.code).toBe('sign_in_failed');
  });
});

describe('api-client methods for the Patients routes', () => {
  it('posts and patches JSON and validates the answer', async () => {
    const { api, client } = await connect([
      configRoute(true),
      { method: 'POST', url: '/api/things', status: 201, json: alice },
      { method: 'PATCH', url: '/api/things/1', json: alice },
    ]);

    await expect(client.post('/api/things', { a: 1 }, me)).resolves.toEqual(alice);
    await expect(client.patch('/api/things/1', { b: 2 }, me)).resolves.toEqual(alice);
    expect(api.requests.slice(1).map((r) => [r.method, r.body, r.headers['Content-Type']])).toEqual([
      ['POST', { a: 1 }, 'application/json'],
      ['PATCH', { b: 2 }, 'application/json'],
    ]);
  });

  it('accepts 204 No Content for send(), with or without a body, and reports errors', async () => {
    const { api, client } = await connect([
      configRoute(true),
      { method: 'DELETE', url: '/api/things/1', status: 204 },
      { method: 'POST', url: '/api/things/1/move', status: 204 },
      { method: 'DELETE', url: '/api/things/2', status: 404, json: { error: { code: 'not_found', message: 'That list no longer exists.' } } },
    ]);

    await expect(client.send('DELETE', '/api/things/1')).resolves.toBeUndefined();
    await expect(client.send('POST', '/api/things/1/move', { toListId: 'l2' })).resolves.toBeUndefined();
    expect(await rejectionOf(client.send('DELETE', '/api/things/2'))).toMatchObject({ code: 'not_found', message: 'That list no longer exists.' });
    expect(api.requests[1]?.headers['Content-Type']).toBeUndefined();
    expect(api.requests[2]?.body).toEqual({ toListId: 'l2' });
  });

  it('returns a text body as is (CSV), and still reads JSON errors', async () => {
    const { client } = await connect([
      configRoute(true),
      { method: 'GET', url: '/api/lists/l1/export.csv', text: 'name,mrn\n' },
      { method: 'GET', url: '/api/lists/l2/export.csv', status: 403, json: { error: { code: 'forbidden', message: 'Not your channel.' } } },
    ]);

    await expect(client.getText('/api/lists/l1/export.csv')).resolves.toBe('name,mrn\n');
    expect(await rejectionOf(client.getText('/api/lists/l2/export.csv'))).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('refuses a stream the API refused, with the API message, and sends the token on streams too', async () => {
    const { api, client } = await connect(
      [configRoute(false), { method: 'GET', url: '/api/patients/events?teamId=t&channelId=c', status: 401, json: { error: { code: 'unauthenticated', message: 'Sign in again.' } } }],
      true,
    );

    const error = await rejectionOf(client.openStream('/api/patients/events', { teamId: 't', channelId: 'c' }, new AbortController().signal));

    expect(error).toMatchObject({ code: 'unauthenticated', message: 'Sign in again.' });
    expect(api.requests[1]?.headers).toMatchObject({ Authorization: 'Bearer sso-token', Accept: 'text/event-stream' });
  });
});
