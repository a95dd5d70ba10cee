import { createRetryingHttp, OutboundFailure, policyWith, singleAttempt, type RetryPolicy } from './retrying-http';

const POLICY: RetryPolicy = { timeoutMs: 1_000, maxAttempts: 3, maxRetryAfterMs: 5_000, backoffBaseMs: 100, jitterMs: 0 };

/** A fetch that plays the given answers in turn: a status (with headers) or an error to throw. */
function scripted(...answers: ({ status: number; headers?: Record<string, string> } | Error)[]) {
  const calls: string[] = [];
  const fetchImpl = (async (url: string | URL) => {
    calls.push(String(url));
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (!answer || answer instanceof Error) throw answer ?? new Error('no answer scripted');
    return new Response(`answer ${calls.length}`, { status: answer.status, headers: answer.headers });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const socketError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
const request = { method: 'GET' as const, url: 'https://ehr.example/fhir/Patient' };

describe('createRetryingHttp', () => {
  it('retries a refused connection with backoff and answers with what came back', async () => {
    const { fetchImpl, calls } = scripted(socketError('ECONNREFUSED'), { status: 200 });
    const waits: number[] = [];
    const http = createRetryingHttp(POLICY, { fetch: fetchImpl, sleep: async (ms) => void waits.push(ms) });

    const response = await http.send(request);

    expect(response).toMatchObject({ status: 200, text: 'answer 2' });
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([100]);
  });

  it('waits what Retry-After asks on 429 and 503, then returns the last answer once out of attempts', async () => {
    const { fetchImpl, calls } = scripted({ status: 429, headers: { 'retry-after': '2' } }, { status: 503 });
    const waits: number[] = [];
    const http = createRetryingHttp(POLICY, { fetch: fetchImpl, sleep: async (ms) => void waits.push(ms) });

    const response = await http.send(request);

    expect(response.status).toBe(503);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([2_000, 200]);
  });

  it('does not wait out a Retry-After longer than the policy allows: the person waiting would give up first', async () => {
    const { fetchImpl, calls } = scripted({ status: 429, headers: { 'retry-after': '60' } });
    const http = createRetryingHttp(POLICY, { fetch: fetchImpl, sleep: async () => undefined });

    expect((await http.send(request)).status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it('never retries a timeout or a TLS failure, and says which it was', async () => {
    for (const [error, kind] of [
      [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'timeout'],
      [socketError('CERT_HAS_EXPIRED'), 'tls'],
    ] as const) {
      const { fetchImpl, calls } = scripted(error);
      const http = createRetryingHttp(POLICY, { fetch: fetchImpl, sleep: async () => undefined });

      await expect(http.send(request)).rejects.toMatchObject({ name: 'OutboundFailure', kind });
      expect(calls).toHaveLength(1);
    }
  });

  it('gives up on a network failure after its attempts, naming the socket error but not the URL', async () => {
    const { fetchImpl, calls } = scripted(socketError('ECONNRESET'));
    const http = createRetryingHttp(POLICY, { fetch: fetchImpl, sleep: async () => undefined });

    const failure = await http.send(request).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OutboundFailure);
    expect(failure).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
    expect((failure as Error).message).not.toContain('ehr.example');
    expect(calls).toHaveLength(3);
  });

  it('tries once with a single-attempt policy (an SMS that may already have gone out)', async () => {
    const { fetchImpl, calls } = scripted(socketError('ECONNRESET'), { status: 200 });
    const http = createRetryingHttp(singleAttempt(1_000), { fetch: fetchImpl, sleep: async () => undefined });

    await expect(http.send(request)).rejects.toBeInstanceOf(OutboundFailure);
    expect(calls).toHaveLength(1);
  });

  it('reports every attempt, so a benchmark counts what went over the wire', async () => {
    const { fetchImpl } = scripted({ status: 502 }, { status: 200 });
    const attempts: string[] = [];
    const http = createRetryingHttp(POLICY, { fetch: fetchImpl, sleep: async () => undefined, onAttempt: (sent) => attempts.push(String(sent.url)) });

    await http.send(request);

    expect(attempts).toEqual([request.url, request.url]);
  });
});

describe('policyWith', () => {
  it('keeps the defaults an override leaves undefined', () => {
    expect(policyWith(POLICY, { timeoutMs: 50, maxAttempts: undefined })).toEqual({ ...POLICY, timeoutMs: 50 });
  });
});
