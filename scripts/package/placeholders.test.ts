import { PackagingError } from './errors';
import { findPlaceholders, resolvePlaceholders } from './placeholders';

function failure(run: () => unknown): PackagingError {
  try {
    run();
  } catch (error) {
    if (error instanceof PackagingError) return error;
    throw error;
  }
  throw new Error('expected a PackagingError');
}

describe('placeholders', () => {
  const template = { id: '${{TEAMS_APP_ID}}', urls: ['${{ TAB_ENDPOINT }}/tabs/a.html', 'api://${{TAB_DOMAIN}}/${{BOT_ID}}'], count: 2 };

  it('finds each placeholder name once, spaces inside the braces allowed', () => {
    expect(findPlaceholders(template)).toEqual(['BOT_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'TEAMS_APP_ID']);
  });

  it('fills every string, leaving other values alone', () => {
    const env = { TEAMS_APP_ID: 'app', TAB_ENDPOINT: 'https://h', TAB_DOMAIN: 'h', BOT_ID: 'bot' };
    expect(resolvePlaceholders(template, env, 'test')).toEqual({ id: 'app', urls: ['https://h/tabs/a.html', 'api://h/bot'], count: 2 });
  });

  it('names every variable without a value, empty counting as missing', () => {
    const error = failure(() => resolvePlaceholders(template, { TEAMS_APP_ID: 'app', BOT_ID: '' }, 'env/.env.x'));
    expect(error.message).toContain('env/.env.x');
    expect(error.problems).toEqual(['BOT_ID has no value', 'TAB_DOMAIN has no value', 'TAB_ENDPOINT has no value']);
  });

  it('refuses to place a secret in the manifest even when it has a value', () => {
    const error = failure(() => resolvePlaceholders({ a: '${{SECRET_BOT_PASSWORD}}', b: '${{BOT_PASSWORD}}' }, { SECRET_BOT_PASSWORD: 's', BOT_PASSWORD: 's' }, 't'));
    expect(error.problems).toEqual([
      'BOT_PASSWORD is a secret and must not be placed in the manifest',
      'SECRET_BOT_PASSWORD is a secret and must not be placed in the manifest',
    ]);
  });

  it('reports a malformed placeholder with its JSON path', () => {
    const error = failure(() => resolvePlaceholders({ bots: [{ botId: '${{BOT-ID}}' }] }, {}, 't'));
    expect(error.problems).toEqual(['/bots/0/botId: malformed placeholder in "${{BOT-ID}}"']);
  });
});
