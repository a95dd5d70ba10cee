import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { pages } from '@microsoft/teams-js';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PatientsConfig } from '../../../../bot/src/contracts/api';
import type { FakeRoute } from '../../test-support/fake-api';
import { aConfig, urls } from '../../test-support/patients-fixtures';
import { sessionWith } from '../../test-support/session';
import { PatientsConfigPage } from './patients-config-page';

jest.mock('@microsoft/teams-js', () => ({
  pages: {
    // A tab being added has no saved address yet.
    getConfig: jest.fn(() => Promise.resolve({ contentUrl: '' })),
    config: { setValidityState: jest.fn(), registerOnSaveHandler: jest.fn(), setConfig: jest.fn(() => Promise.resolve()) },
  },
}));
const teamsConfig = jest.mocked(pages.config);
const savedTab = jest.mocked(pages.getConfig);

const configUrl = urls.config;
const unconfigured: PatientsConfig = aConfig();
/** In Teams, with SSO on: the API is not in dev mode. */
const signedInConfig = { devMode: false, appId: 'app-id', version: '0.1.0-test' };

beforeEach(() => {
  jest.clearAllMocks();
  window.history.replaceState(null, '', '/tabs/patients-config.html?theme=default');
});

async function renderInTeams(routes: FakeRoute[]) {
  const { session, api } = await sessionWith(routes, { host: { inTeams: true }, clientConfig: signedInConfig });
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientsConfigPage session={session} />
    </FluentProvider>,
  );
  await screen.findByRole('radiogroup', { name: /how does this channel get its patients/i });
  return api;
}

/** Presses Save in Teams' dialog: calls the registered handler with a recording SaveEvent. */
function pressTeamsSave() {
  const handler = teamsConfig.registerOnSaveHandler.mock.calls.at(-1)?.[0];
  if (!handler) throw new Error('the page registered no save handler');
  const event = { result: {}, notifySuccess: jest.fn(), notifyFailure: jest.fn() };
  // Teams calls the handler from outside React, so tell React about the state updates it causes.
  act(() => handler(event));
  return event;
}

describe('Patients config page, inside Teams', () => {
  it("uses Teams' Save button, enabled once a mode is chosen", async () => {
    await renderInTeams([{ method: 'GET', url: configUrl, json: unconfigured }]);

    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(teamsConfig.setValidityState).toHaveBeenLastCalledWith(false);

    fireEvent.click(screen.getByRole('radio', { name: /^Manual/ }));

    expect(teamsConfig.setValidityState).toHaveBeenLastCalledWith(true);
  });

  it('on Save stores the mode with the SSO token, then creates the Patients tab', async () => {
    const api = await renderInTeams([
      { method: 'GET', url: configUrl, json: unconfigured },
      { method: 'PUT', url: '/api/patients/config', json: { ...unconfigured, mode: 'ehr' } },
    ]);
    fireEvent.click(screen.getByRole('radio', { name: /^EHR/ }));

    const event = pressTeamsSave();

    await waitFor(() => expect(event.notifySuccess).toHaveBeenCalled());
    const put = api.requests.find((r) => r.method === 'PUT');
    // EHR mode always says which connection: null is the organisation's default.
    expect(put?.body).toEqual({ teamId: 'team-1', channelId: 'channel-1', mode: 'ehr', connection: null });
    expect(put?.headers['Authorization']).toBe('Bearer sso-token');
    expect(teamsConfig.setConfig).toHaveBeenCalledWith({
      contentUrl: 'http://localhost/tabs/patients.html',
      websiteUrl: 'http://localhost/tabs/patients.html',
      entityId: 'patients-channel-1',
      suggestedDisplayName: 'Patients',
    });
    expect(event.notifyFailure).not.toHaveBeenCalled();
  });

  it('tells Teams why saving failed, and creates no tab', async () => {
    await renderInTeams([
      { method: 'GET', url: configUrl, json: unconfigured },
      { method: 'PUT', url: '/api/patients/config', status: 403, json: { error: { code: 'forbidden', message: 'Only team owners can add the Patients tab.' } } },
    ]);
    fireEvent.click(screen.getByRole('radio', { name: /^Manual/ }));

    const event = pressTeamsSave();

    await waitFor(() => expect(event.notifyFailure).toHaveBeenCalledWith('Only team owners can add the Patients tab.'));
    expect(teamsConfig.setConfig).not.toHaveBeenCalled();
    expect(event.notifySuccess).not.toHaveBeenCalled();
    expect(screen.getByText('Only team owners can add the Patients tab.')).toBeInTheDocument();
  });

  it('adds the Visits tab instead, for the whole team, without touching the channel’s patient settings', async () => {
    const api = await renderInTeams([{ method: 'GET', url: configUrl, json: unconfigured }]);
    fireEvent.click(screen.getByRole('radio', { name: /^Visits/ }));
    fireEvent.click(await screen.findByRole('radio', { name: /whole team/ }));

    expect(teamsConfig.setValidityState).toHaveBeenLastCalledWith(true);
    const event = pressTeamsSave();

    await waitFor(() => expect(event.notifySuccess).toHaveBeenCalled());
    expect(teamsConfig.setConfig).toHaveBeenCalledWith({
      contentUrl: 'http://localhost/tabs/visits-queue.html?scope=team',
      websiteUrl: 'http://localhost/tabs/visits-queue.html?scope=team',
      entityId: 'visits-channel-1',
      suggestedDisplayName: 'Visits',
    });
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('opens the settings of a saved Visits tab on the Visits choice and its scope', async () => {
    savedTab.mockResolvedValueOnce({ contentUrl: 'https://rounds.example.org/tabs/visits-queue.html?scope=team', entityId: 'visits-channel-1' });
    const { session } = await sessionWith([], { host: { inTeams: true }, clientConfig: signedInConfig });
    render(
      <FluentProvider theme={teamsLightTheme}>
        <PatientsConfigPage session={session} />
      </FluentProvider>,
    );

    expect(await screen.findByRole('radio', { name: /whole team/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^Visits/ })).toBeChecked();
  });
});
