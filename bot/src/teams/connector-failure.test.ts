import { classifyConnectorFailure } from './connector-failure';
import { NotInstalledError } from './conversation-runner';

const http = (statusCode: number, extra: Record<string, unknown> = {}) => Object.assign(new Error('rest'), { statusCode, ...extra });

describe('classifyConnectorFailure', () => {
  it.each([429, 412, 408, 500, 502, 503, 504])('retries a %i', (status) => {
    expect(classifyConnectorFailure(http(status)).kind).toBe('retry');
  });

  it('retries when no answer came at all (connection refused, reset)', () => {
    expect(classifyConnectorFailure(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'retry', retryAfterMs: null });
  });

  it('reads Retry-After in seconds from the response headers', () => {
    const headers = { get: (name: string) => (name === 'retry-after' ? '7' : undefined) };
    expect(classifyConnectorFailure(http(429, { response: { status: 429, headers } }))).toEqual({ kind: 'retry', retryAfterMs: 7000 });
  });

  it('stops on 403 BotNotInConversationRoster, and when Rounds has no installation there', () => {
    const body = JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
    expect(classifyConnectorFailure(http(403, { response: { status: 403, bodyAsText: body } }))).toEqual({ kind: 'not-in-conversation' });
    expect(classifyConnectorFailure(new NotInstalledError())).toEqual({ kind: 'not-in-conversation' });
  });

  it('stops without an install hint when the user blocked the bot', () => {
    const body = JSON.stringify({ error: { code: 'ConversationBlockedByUser' } });
    expect(classifyConnectorFailure(http(403, { response: { status: 403, bodyAsText: body } }))).toEqual({ kind: 'refused', status: 403 });
  });

  it('stops when the service does not know the person, as the Agents Playground answers (500 UserNotFound)', () => {
    const body = JSON.stringify({ error: { code: 'UserNotFound', message: 'User not found' } });
    expect(classifyConnectorFailure(http(500, { response: { status: 500, bodyAsText: body } }))).toEqual({ kind: 'unknown-user' });
    expect(classifyConnectorFailure(http(404, { code: 'MemberNotFoundInConversation' }))).toEqual({ kind: 'unknown-user' });
  });

  it('stops on 404 (the message or conversation is gone) and on other refusals', () => {
    expect(classifyConnectorFailure(http(404))).toEqual({ kind: 'gone' });
    expect(classifyConnectorFailure(http(400))).toEqual({ kind: 'refused', status: 400 });
  });
});
