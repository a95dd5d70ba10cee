import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PatientsConfig } from '../../../../bot/src/contracts/api';
import type { FakeRoute } from '../../test-support/fake-api';
import { aConfig, urls } from '../../test-support/patients-fixtures';
import { sessionWith } from '../../test-support/session';
import { PatientsConfigPage } from './patients-config-page';

jest.mock('@microsoft/teams-js', () => ({}));

const testUrl = '/api/patients/config/test';
const stored = { name: "St. Mary's Epic", baseUrl: 'https://fhir.stmarys.example/r4', clientId: 'rounds-client', hasSecret: true, authMethod: null };
const withOwnConnection: PatientsConfig = aConfig({ mode: 'ehr', connection: stored, updatedAt: '2025-01-01T08:00:00Z', updatedBy: 'Alice Moreau' });

async function renderPage(config: PatientsConfig, routes: FakeRoute[]) {
  const { session, api } = await sessionWith([{ method: 'GET', url: urls.config, json: config }, ...routes]);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientsConfigPage session={session} />
    </FluentProvider>,
  );
  await screen.findByRole('radiogroup', { name: /how does this channel get its patients/i });
  return api;
}

describe('Patients config page, EHR connection', () => {
  it("offers the organisation's connection by name or the channel's own, and no placeholder text", async () => {
    await renderPage(aConfig(), []);
    fireEvent.click(screen.getByRole('radio', { name: /^EHR/ }));

    expect(screen.getByRole('radio', { name: "Use the organisation's connection (Local FHIR sandbox)" })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Use a connection for this channel' })).not.toBeChecked();
    expect(screen.queryByText(/will be set here once/)).not.toBeInTheDocument();
  });

  it('shows the stored connection, with the secret kept rather than shown', async () => {
    await renderPage(withOwnConnection, []);

    expect(screen.getByRole('radio', { name: 'Use a connection for this channel' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: /FHIR base URL/ })).toHaveValue('https://fhir.stmarys.example/r4');
    const secret = screen.getByLabelText(/Client secret/);
    expect(secret).toHaveAttribute('type', 'password');
    expect(secret).toHaveValue('');
    expect(secret).toHaveAttribute('placeholder', '•••• stored — leave empty to keep');
  });

  it('tests the connection as typed and shows the success message', async () => {
    const api = await renderPage(withOwnConnection, [
      { method: 'POST', url: testUrl, json: { ok: true, fhirVersion: '4.0.1', message: 'FHIR R4 server, token OK, Patient search OK' } },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByText('FHIR R4 server, token OK, Patient search OK')).toBeInTheDocument();
    expect(screen.getByText('Connection works')).toBeInTheDocument();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      teamId: 'team-1',
      channelId: 'channel-1',
      // Saved before the choice existed: its secret, as client_secret_basic.
      connection: { name: "St. Mary's Epic", baseUrl: 'https://fhir.stmarys.example/r4', clientId: 'rounds-client', authMethod: 'client_secret_basic' },
    });
  });

  it('shows the exact problem when the test fails, and forgets it once a field changes', async () => {
    await renderPage(withOwnConnection, [
      { method: 'POST', url: testUrl, json: { ok: false, problem: 'bad_credentials', message: 'The token endpoint answered 401 invalid_client for client id rounds-client.' } },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(await screen.findByText('The token endpoint answered 401 invalid_client for client id rounds-client.')).toBeInTheDocument();
    expect(screen.getByText("The server refused Rounds' credentials (client id, secret or signed assertion)")).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText(/Client secret/), { target: { value: 'new-secret' } });
    expect(screen.queryByText(/invalid_client/)).not.toBeInTheDocument();
  });

  it('tests the organisation default with a null connection', async () => {
    const api = await renderPage(aConfig({ mode: 'ehr' }), [{ method: 'POST', url: testUrl, json: { ok: true, fhirVersion: '4.0.1', message: 'FHIR R4 server, token OK, Patient search OK' } }]);

    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    await screen.findByText('Connection works');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ teamId: 'team-1', channelId: 'channel-1', connection: null });
  });

  it('saves a channel connection without clientSecret when the secret box is left empty', async () => {
    const api = await renderPage(withOwnConnection, [{ method: 'PUT', url: '/api/patients/config', json: withOwnConnection }]);

    fireEvent.change(screen.getByRole('textbox', { name: /Client id/ }), { target: { value: 'rounds-client-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    const body = api.requests.find((r) => r.method === 'PUT')?.body;
    expect(body).toEqual({
      teamId: 'team-1',
      channelId: 'channel-1',
      mode: 'ehr',
      connection: { name: "St. Mary's Epic", baseUrl: 'https://fhir.stmarys.example/r4', clientId: 'rounds-client-2', authMethod: 'client_secret_basic' },
    });
    expect(body).not.toHaveProperty('connection.clientSecret');
  });

  it('offers a new channel connection with a signed client assertion: the JWKS URL to register, no secret', async () => {
    const api = await renderPage(aConfig({ mode: 'ehr' }), [{ method: 'PUT', url: '/api/patients/config', json: withOwnConnection }]);

    fireEvent.click(screen.getByRole('radio', { name: 'Use a connection for this channel' }));
    expect(screen.getByRole('combobox', { name: 'Authentication' })).toHaveValue('private_key_jwt');
    expect(screen.queryByLabelText(/Client secret/)).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /JWKS URL to register with the EHR/ })).toHaveValue('https://rounds.example.org/.well-known/jwks.json');

    fireEvent.change(screen.getByRole('textbox', { name: /Connection name/ }), { target: { value: 'Epic' } });
    fireEvent.change(screen.getByRole('textbox', { name: /FHIR base URL/ }), { target: { value: 'https://fhir.epic.example/api/FHIR/R4' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Client id/ }), { target: { value: 'epic-client' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      teamId: 'team-1',
      channelId: 'channel-1',
      mode: 'ehr',
      connection: { name: 'Epic', baseUrl: 'https://fhir.epic.example/api/FHIR/R4', clientId: 'epic-client', authMethod: 'private_key_jwt' },
    });
  });

  it('needs a secret before a new channel connection with a secret method can be saved, then sends it', async () => {
    const api = await renderPage(aConfig({ mode: 'ehr' }), [{ method: 'PUT', url: '/api/patients/config', json: withOwnConnection }]);

    fireEvent.click(screen.getByRole('radio', { name: 'Use a connection for this channel' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Authentication' }), { target: { value: 'client_secret_post' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Connection name/ }), { target: { value: "St. Mary's Epic" } });
    fireEvent.change(screen.getByRole('textbox', { name: /FHIR base URL/ }), { target: { value: 'https://fhir.stmarys.example/r4' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Client id/ }), { target: { value: 'rounds-client' } });
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    fireEvent.change(screen.getByLabelText(/Client secret/), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ connection: { clientSecret: 's3cret', authMethod: 'client_secret_post' } });
    // Stored now: the box empties and says so.
    expect(screen.getByLabelText(/Client secret/)).toHaveValue('');
    expect(screen.getByLabelText(/Client secret/)).toHaveAttribute('placeholder', '•••• stored — leave empty to keep');
  });

  it("shows the API's error about a connection field under that field", async () => {
    await renderPage(withOwnConnection, [
      { method: 'PUT', url: '/api/patients/config', status: 400, json: { error: { code: 'validation_failed', message: 'FHIR base URL must be an http(s) URL', field: 'connection.baseUrl' } } },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('textbox', { name: /FHIR base URL/ })).toHaveAccessibleDescription('FHIR base URL must be an http(s) URL'));
  });
});
