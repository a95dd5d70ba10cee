/** @jest-environment jsdom */
import { app } from '@microsoft/teams-js';
import { deepLinkSubPage, initHost, TEAMS_INIT_TIMEOUT_MS } from './teams-host';

jest.mock('@microsoft/teams-js', () => ({
  app: { initialize: jest.fn(), getContext: jest.fn(), notifySuccess: jest.fn(() => Promise.resolve()) },
}));
const teamsApp = jest.mocked(app);

/** What Teams reports in a channel tab (only the fields the host reads). */
const channelContext = {
  app: { theme: 'dark', locale: 'fr-FR' },
  team: { internalId: '19:team@thread.tacv2' },
  channel: { id: '19:channel@thread.tacv2' },
  user: { displayName: 'Alice Moreau', tenant: { id: 'tenant-1' } },
} as app.Context;

beforeEach(() => {
  jest.clearAllMocks();
  window.history.replaceState(null, '', '/tabs/patients.html');
});

describe('initHost outside Teams', () => {
  it('does not call teams-js in a top-level window and reads the context from the URL', async () => {
    window.history.replaceState(null, '', '/tabs/patients.html?theme=contrast&teamId=team-1&channelId=channel-1');

    const host = await initHost();

    expect(teamsApp.initialize).not.toHaveBeenCalled();
    expect(host).toEqual({ inTeams: false, theme: 'contrast', teamId: 'team-1', channelId: 'channel-1', locale: navigator.language });
  });

  it('treats a missing or empty channel as absent and an unknown theme as the default one', async () => {
    window.history.replaceState(null, '', '/tabs/patients.html?theme=neon&teamId=');

    const host = await initHost();

    expect(host).toMatchObject({ theme: 'default', teamId: undefined, channelId: undefined });
  });
});

describe('initHost in a window that may be Teams', () => {
  beforeEach(() => Object.assign(window, { nativeInterface: {} }));
  afterEach(() => {
    Reflect.deleteProperty(window, 'nativeInterface');
    jest.useRealTimers();
  });

  it('maps the Teams context', async () => {
    teamsApp.initialize.mockResolvedValue();
    teamsApp.getContext.mockResolvedValue(channelContext);

    const host = await initHost();

    expect(host).toEqual({
      inTeams: true,
      theme: 'dark',
      teamId: '19:team@thread.tacv2',
      channelId: '19:channel@thread.tacv2',
      tenantId: 'tenant-1',
      userName: 'Alice Moreau',
      locale: 'fr-FR',
    });
  });

  it('falls back to dev mode when teams-js rejects (no Teams parent)', async () => {
    teamsApp.initialize.mockRejectedValue(new Error('No Parent window found'));

    const host = await initHost();

    expect(host.inTeams).toBe(false);
    expect(teamsApp.getContext).not.toHaveBeenCalled();
  });

  it('gives up on a host that never answers after the timeout', async () => {
    jest.useFakeTimers();
    teamsApp.initialize.mockReturnValue(new Promise<void>(() => undefined));

    const pending = initHost();
    await jest.advanceTimersByTimeAsync(TEAMS_INIT_TIMEOUT_MS);

    await expect(pending).resolves.toMatchObject({ inTeams: false });
  });
});

describe('deepLinkSubPage', () => {
  it("reads the link's subEntityId from the page context, and nothing when there is none", async () => {
    teamsApp.getContext.mockResolvedValueOnce({ ...channelContext, page: { id: 'patients', frameContext: 'content', subPageId: 'patient:e1' } } as app.Context);
    await expect(deepLinkSubPage()).resolves.toBe('patient:e1');

    teamsApp.getContext.mockResolvedValueOnce({ ...channelContext, page: { id: 'patients', frameContext: 'content', subPageId: '' } } as app.Context);
    await expect(deepLinkSubPage()).resolves.toBeUndefined();
  });
});
