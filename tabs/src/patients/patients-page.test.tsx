import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeStream } from '../test-support/fake-api';
import type { FakeRoute } from '../test-support/fake-api';
import { aConfig, aList, aRow, aView, urls } from '../test-support/patients-fixtures';
import { sessionWith } from '../test-support/session';
import { PatientsPage } from './patients-page';

jest.mock('@microsoft/teams-js', () => ({}));

async function renderPage(routes: FakeRoute[]) {
  const stream = fakeStream();
  const { session, api } = await sessionWith([...routes, { method: 'GET', url: urls.events, stream }]);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientsPage session={session} />
    </FluentProvider>,
  );
  return { api, stream };
}

describe('Patients page', () => {
  it('says when the channel has not been configured', async () => {
    await renderPage([{ method: 'GET', url: urls.config, json: aConfig() }]);

    expect(await screen.findByText("This channel's Patients tab is not configured yet")).toBeInTheDocument();
    expect(screen.queryByText('No rounding lists yet')).not.toBeInTheDocument();
  });

  it('on first run says what to do, and creates the first list from the empty state', async () => {
    const created = aList({ id: 'list-new', name: 'Ward 7 West' });
    const { api } = await renderPage([
      { method: 'GET', url: urls.config, json: aConfig({ mode: 'manual' }) },
      { method: 'GET', url: urls.lists, json: { lists: [] }, once: true },
      { method: 'POST', url: '/api/lists', status: 201, json: created },
      { method: 'GET', url: urls.lists, json: { lists: [created] } },
      { method: 'GET', url: urls.list('list-new'), json: aView(created, []) },
    ]);

    expect(await screen.findByText('No rounding lists yet')).toBeInTheDocument();
    expect(screen.getByText('Patients come from: Manual (enter patients by hand)')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Create your first rounding list' }));
    const dialog = await screen.findByRole('dialog', { name: 'New rounding list' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /List name/ }), { target: { value: '  Ward 7 West ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create list' }));

    expect(await screen.findByText('No patients on Ward 7 West yet')).toBeInTheDocument();
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ teamId: 'team-1', channelId: 'channel-1', name: 'Ward 7 West' });
    expect(screen.getByRole('combobox', { name: 'Rounding list' })).toHaveTextContent('Ward 7 West (default)');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.unexpected).toEqual([]);
  });

  it("refetches the open list when a colleague's change arrives on the event stream", async () => {
    const list = aList({ patientCount: 1 });
    const { stream } = await renderPage([
      { method: 'GET', url: urls.config, json: aConfig({ mode: 'ehr' }) },
      { method: 'GET', url: urls.lists, json: { lists: [list] } },
      { method: 'GET', url: urls.list('list-1'), json: aView(list, [aRow('e1')]), once: true },
      { method: 'GET', url: urls.list('list-1'), json: aView(list, [aRow('e1'), aRow('e2', { patient: { id: 'p2', name: 'Grace Hopper' } })]) },
    ]);
    expect(await screen.findByRole('button', { name: 'Ada Lovelace' })).toBeInTheDocument();
    await waitFor(() => expect(stream.openCount).toBe(1));

    stream.push('data: {"kind":"list","listId":"list-1","by":"Bob Martin"}\n\n');

    expect(await screen.findByRole('button', { name: 'Grace Hopper' })).toBeInTheDocument();
    expect(screen.getByText(/Updated by Bob Martin/)).toBeInTheDocument();
  });
});
