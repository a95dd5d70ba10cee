import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeStream } from '../test-support/fake-api';
import type { FakeRoute } from '../test-support/fake-api';
import { aMessage, aThread, lee, rolesUrl, threadsUrl } from '../test-support/messages-fixtures';
import { aConfig, aList, aRow, aView, channelQueryString, urls } from '../test-support/patients-fixtures';
import { sessionWith } from '../test-support/session';
import { PatientsPage } from './patients-page';
import { onJestClock } from '../test-support/jest-clock';

jest.mock('@microsoft/teams-js', () => ({}));

onJestClock();

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
    // The page behind the dialog is hidden from assistive technology until the dialog has closed.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByRole('combobox', { name: 'Rounding list' })).toHaveTextContent('Ward 7 West (default)');
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

  describe('clinician messages', () => {
    afterEach(() => window.history.replaceState(null, '', '/'));

    it("opens the patient a link points at, on their list, at their messages (dev: ?patient=<ref>)", async () => {
      window.history.replaceState(null, '', '/tabs/patients.html?teamId=team-1&channelId=channel-1&patient=p2');
      const ward = aList({ patientCount: 1 });
      const icu = aList({ id: 'list-2', name: 'ICU', isDefault: false, patientCount: 1 });
      const grace = aRow('e2', { patient: { id: 'p2', name: 'Grace Hopper' } });
      const { api } = await renderPage([
        { method: 'GET', url: urls.config, json: aConfig({ mode: 'ehr' }) },
        { method: 'GET', url: urls.lists, json: { lists: [ward, icu] } },
        { method: 'GET', url: `/api/list-entries?${channelQueryString}&ref=p2`, json: { entries: [{ listId: 'list-2', entryId: 'e2' }] } },
        { method: 'GET', url: urls.list('list-1'), json: aView(ward, [aRow('e1')]) },
        { method: 'GET', url: urls.list('list-2'), json: aView(icu, [grace]) },
        { method: 'GET', url: threadsUrl('list-2', 'e2'), json: { threads: [aThread(aMessage({ text: 'Extubated at 09:00' }))] } },
        { method: 'GET', url: '/api/lists/list-2/patients/e2/visits', json: { visits: [] } },
      ]);

      const panel = await screen.findByRole('dialog', { name: 'Patient Grace Hopper' });
      const messages = within(panel).getByRole('region', { name: 'Messages' });
      expect(await within(messages).findByText('Extubated at 09:00')).toBeInTheDocument();
      await waitFor(() => expect(messages).toHaveFocus());
      expect(api.unexpected).toEqual([]);
    });

    it('says when the linked patient is no longer on any list', async () => {
      window.history.replaceState(null, '', '/tabs/patients.html?patient=gone');
      const list = aList({ patientCount: 1 });
      await renderPage([
        { method: 'GET', url: urls.config, json: aConfig({ mode: 'ehr' }) },
        { method: 'GET', url: urls.lists, json: { lists: [list] } },
        { method: 'GET', url: `/api/list-entries?${channelQueryString}&ref=gone`, json: { entries: [] } },
        { method: 'GET', url: urls.list('list-1'), json: aView(list, [aRow('e1')]) },
      ]);

      expect(await screen.findByText("The patient in this link is no longer on this channel's lists.")).toBeInTheDocument();
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });

    it("messages a colleague from a patient's row, then opens the thread", async () => {
      const list = aList({ patientCount: 1 });
      const sent = aMessage({ recipient: lee, text: 'Please review the K+ result' });
      const { api } = await renderPage([
        { method: 'GET', url: urls.config, json: aConfig({ mode: 'ehr' }) },
        { method: 'GET', url: urls.lists, json: { lists: [list] } },
        { method: 'GET', url: urls.list('list-1'), json: aView(list, [aRow('e1')]) },
        { method: 'GET', url: rolesUrl, json: { roles: [] } },
        { method: 'GET', url: '/api/people?q=lee', json: { people: [{ ...lee, email: null }] } },
        { method: 'POST', url: '/api/clinician-messages', status: 201, json: sent },
        { method: 'GET', url: threadsUrl('list-1', 'e1'), json: { threads: [aThread(sent)] } },
      ]);

      const grid = await screen.findByRole('grid', { name: 'Patients on Ward 7 West' });
      fireEvent.click(within(grid).getByRole('button', { name: 'Actions for Ada Lovelace' }));
      fireEvent.click(await screen.findByRole('menuitem', { name: 'Message…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Message about Ada Lovelace' });
      // The row's menu may still be closing (and hiding the rest) when the dialog appears.
      fireEvent.change(await within(dialog).findByRole('combobox', { name: /Person/ }), { target: { value: 'lee' } });
      fireEvent.click(await screen.findByRole('option', { name: /Dr Lee/ }));
      fireEvent.change(within(dialog).getByRole('textbox', { name: /Message/ }), { target: { value: 'Please review the K+ result' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

      expect(await screen.findByText('Message sent to Dr Lee about Ada Lovelace.')).toBeInTheDocument();
      expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ listEntryId: 'e1', text: 'Please review the K+ result' });
      // The page behind the dialog is hidden from assistive technology until the dialog has closed.
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      fireEvent.click(await screen.findByRole('button', { name: 'Open messages' }));

      const panel = await screen.findByRole('dialog', { name: 'Patient Ada Lovelace' });
      expect(await within(within(panel).getByRole('region', { name: 'Messages' })).findByText('Please review the K+ result')).toBeInTheDocument();
    });
  });
});
