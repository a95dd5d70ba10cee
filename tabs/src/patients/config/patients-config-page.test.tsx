import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PatientsConfig } from '../../../../bot/src/contracts/api';
import type { FakeRoute } from '../../test-support/fake-api';
import { aConfig, urls } from '../../test-support/patients-fixtures';
import { sessionWith } from '../../test-support/session';
import type { SessionOptions } from '../../test-support/session';
import { PatientsConfigPage } from './patients-config-page';

// Outside Teams the page must not touch teams-js; the in-Teams flow has its own test file.
jest.mock('@microsoft/teams-js', () => ({}));

const configUrl = urls.config;
const unconfigured: PatientsConfig = aConfig();
const savedManual: PatientsConfig = { ...unconfigured, mode: 'manual', updatedAt: '2025-01-01T08:00:00Z', updatedBy: 'Alice Moreau' };

async function renderPage(routes: FakeRoute[], options?: SessionOptions) {
  const { session, api } = await sessionWith(routes, options);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientsConfigPage session={session} />
    </FluentProvider>,
  );
  return api;
}

const modeGroup = () => screen.findByRole('radiogroup', { name: /how does this channel get its patients/i });

describe('Patients config page, outside Teams', () => {
  it('offers EHR and manual modes in a labelled radio group', async () => {
    await renderPage([{ method: 'GET', url: configUrl, json: unconfigured }]);

    await modeGroup();
    expect(screen.getByRole('radio', { name: "EHR (read patients from the hospital's FHIR server)" })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'Manual (enter patients by hand)' })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    // The placeholder about EHR details "arriving later" is gone: they are set here now.
    expect(screen.queryByText(/will be set here once/)).not.toBeInTheDocument();
  });

  it('shows the mode the channel already has', async () => {
    await renderPage([{ method: 'GET', url: configUrl, json: { ...savedManual, mode: 'ehr' } }]);

    await modeGroup();
    expect(screen.getByRole('radio', { name: /^EHR/ })).toBeChecked();
  });

  it('saves the chosen mode with a PUT and says so', async () => {
    const api = await renderPage([
      { method: 'GET', url: configUrl, json: unconfigured },
      { method: 'PUT', url: '/api/patients/config', json: savedManual },
    ]);

    await modeGroup();
    fireEvent.click(screen.getByRole('radio', { name: /^Manual/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    // The status region exists from the start (so screen readers announce its change): wait for its text.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    const puts = api.requests.filter((r) => r.method === 'PUT');
    expect(puts).toEqual([
      expect.objectContaining({ body: { teamId: 'team-1', channelId: 'channel-1', mode: 'manual' } }),
    ]);
    expect(puts[0]?.headers['Content-Type']).toBe('application/json');
    expect(api.unexpected).toEqual([]);
  });

  it('shows the API error message when saving fails', async () => {
    await renderPage([
      { method: 'GET', url: configUrl, json: unconfigured },
      { method: 'PUT', url: '/api/patients/config', status: 403, json: { error: { code: 'forbidden', message: 'Only team owners can change how this channel gets its patients.' } } },
    ]);

    await modeGroup();
    fireEvent.click(screen.getByRole('radio', { name: /^Manual/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Only team owners can change how this channel gets its patients.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('shows an error about the mode under the radio group', async () => {
    await renderPage([
      { method: 'GET', url: configUrl, json: unconfigured },
      { method: 'PUT', url: '/api/patients/config', status: 400, json: { error: { code: 'validation_failed', message: 'This mode is not available in your hospital.', field: 'mode' } } },
    ]);

    await modeGroup();
    fireEvent.click(screen.getByRole('radio', { name: /^EHR/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('This mode is not available in your hospital.')).toBeInTheDocument();
    // Named: EHR mode adds a second radio group (which connection).
    expect(await modeGroup()).toHaveAccessibleDescription('This mode is not available in your hospital.');
  });

  it('shows the API error when the current mode cannot be loaded', async () => {
    await renderPage([{ method: 'GET', url: configUrl, status: 502, text: '<html>Bad Gateway</html>' }]);

    expect(await screen.findByText(/could not complete the request \(HTTP 502\)/)).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: /how does this channel get its patients/i })).not.toBeInTheDocument();
  });

  it('explains how to pass teamId and channelId when they are missing', async () => {
    const api = await renderPage([], { host: { teamId: undefined, channelId: undefined } });

    expect(screen.getByText(/\?teamId=\.\.\.&channelId=\.\.\./)).toBeInTheDocument();
    expect(api.requests.map((r) => r.url)).toEqual(['/api/client-config']);
  });

  it('offers the Visits tab too, and outside Teams links to it as Teams would open it', async () => {
    window.history.replaceState(null, '', '/tabs/patients-config.html?teamId=team-1&channelId=channel-1');
    await renderPage([{ method: 'GET', url: configUrl, json: unconfigured }]);
    await modeGroup();

    fireEvent.click(screen.getByRole('radio', { name: /^Visits/ }));
    fireEvent.click(screen.getByRole('radio', { name: /whole team/ }));

    expect(screen.queryByRole('radiogroup', { name: /how does this channel get its patients/i })).not.toBeInTheDocument();
    const link = new URL(screen.getByRole('link', { name: 'open the Visits tab' }).getAttribute('href') ?? '');
    expect(link.pathname).toBe('/tabs/visits-queue.html');
    expect(Object.fromEntries(link.searchParams)).toEqual({ scope: 'team', teamId: 'team-1', channelId: 'channel-1' });
  });
});

