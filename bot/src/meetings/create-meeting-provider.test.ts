import { createMeetingProvider } from './create-meeting-provider';

describe('createMeetingProvider', () => {
  it('serves rooms from Rounds itself by default', () => {
    expect(createMeetingProvider({ kind: 'builtin' }, { publicUrl: 'https://rounds.example' }).kind).toBe('builtin');
  });

  it('creates Teams meetings through Graph when configured', () => {
    const config = {
      kind: 'graph' as const,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: '0f4a2c55-6f1b-4c39-9d1e-5f7a0c2b8e11',
      clientSecret: 'secret',
      organizerId: 'aaaaaaaa-0000-0000-0000-00000000000a',
      graphBaseUrl: 'https://graph.microsoft.com/v1.0',
      authorityUrl: 'https://login.microsoftonline.com',
    };
    // Nothing is sent until a meeting is asked for.
    const fetch = jest.fn<Promise<Response>, Parameters<typeof globalThis.fetch>>();

    expect(createMeetingProvider(config, { publicUrl: 'https://rounds.example', graph: { fetch } }).kind).toBe('graph');
    expect(fetch).not.toHaveBeenCalled();
  });
});
