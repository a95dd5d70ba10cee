import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeStream } from '../../test-support/fake-api';
import type { FakeRoute } from '../../test-support/fake-api';
import { AS_OF, aList, aRow, aView, urls } from '../../test-support/patients-fixtures';
import { sessionWith } from '../../test-support/session';
import { PatientsBoardView } from './patients-board';
import { onJestClock } from '../../test-support/jest-clock';

jest.mock('@microsoft/teams-js', () => ({}));

onJestClock();

const channel = { teamId: 'team-1', channelId: 'channel-1' };
const list = aList({ columns: ['name', 'mrn', 'location', 'vitals', 'coverage'], patientCount: 3 });
const rows = [
  aRow('e1', { patient: { id: 'p1', name: 'Grace Hopper', mrn: 'MRN-0002' }, encounter: { status: 'ok', value: { location: 'ICU Bed 1', attending: null, admittedAt: null, status: null }, asOf: AS_OF } }),
  aRow('e2', { patient: { id: 'p2', name: 'Ada Lovelace', mrn: 'MRN-0010' }, vitals: { status: 'error', reason: 'The EHR did not answer in time' } }),
  aRow('e3', {
    patient: { id: 'p3', name: 'Alan Turing', mrn: 'MRN-0001', deceased: true },
    vitals: { status: 'ok', value: [{ code: 'bloodPressure', display: '120/80 mmHg', takenAt: '2025-03-09T08:00:00Z', stale: true, flag: null }], asOf: AS_OF },
  }),
];

async function renderBoard(extra: FakeRoute[] = []) {
  const { session, api } = await sessionWith([
    { method: 'GET', url: urls.lists, json: { lists: [list, aList({ id: 'list-2', name: 'ICU', isDefault: false })] } },
    ...extra,
    { method: 'GET', url: urls.list('list-1'), json: aView(list, rows) },
    { method: 'GET', url: urls.events, stream: fakeStream() },
  ]);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientsBoardView session={session} channel={channel} mode="ehr" />
    </FluentProvider>,
  );
  const grid = await screen.findByRole('grid', { name: 'Patients on Ward 7 West' });
  return { api, grid };
}

/** Patient names in the order the grid shows them. */
const namesIn = (grid: HTMLElement) =>
  within(grid)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('gridcell')[0]?.querySelector('button')?.textContent);

const bytesOf = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(blob);
  });

/** jsdom's Blob has no text(); FileReader it is. */
const textOf = (blob: Blob) =>
  new Promise<unknown>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.readAsText(blob);
  });

/** Presses a header's sort button (an ARIA button, reachable by keyboard). */
const sortBy = (grid: HTMLElement, column: string) => fireEvent.click(within(within(grid).getByRole('columnheader', { name: column })).getByRole('button'));

describe('Patients board grid', () => {
  it('shows every row, a failed part as a warning with its reason, and never breaks the row', async () => {
    const { grid } = await renderBoard();

    expect(within(grid).getAllByRole('row')).toHaveLength(4);
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'MRN', 'Location', 'Vitals', 'Coverage', 'Actions']);
    const ada = within(grid).getByRole('button', { name: 'Ada Lovelace' }).closest('[role="row"]') as HTMLElement;
    const warning = within(ada).getByRole('img', { name: 'Vitals could not be loaded' });
    expect(warning).toHaveAccessibleDescription('The EHR did not answer in time');
    expect(within(ada).getByText('MRN-0010')).toBeInTheDocument();
    expect(within(ada).getByText('Ward 7 West, Bed 3')).toBeInTheDocument();
    // Coverage is unavailable from this EHR: a dash, said in words for screen readers.
    expect(within(ada).getByText('not available from this EHR')).toBeInTheDocument();
  });

  it('marks stale vitals and deceased patients in words', async () => {
    const { grid } = await renderBoard();

    const alan = within(grid).getByRole('button', { name: 'Alan Turing' }).closest('[role="row"]') as HTMLElement;
    expect(within(alan).getByText('† deceased')).toBeInTheDocument();
    expect(within(alan).getByText('stale')).toBeInTheDocument();
    expect(within(alan).getByText('120/80 mmHg')).toBeInTheDocument();
  });

  it('sorts by a column header, both ways, by the value shown', async () => {
    const { grid } = await renderBoard();
    expect(namesIn(grid)).toEqual(['Grace Hopper', 'Ada Lovelace', 'Alan Turing']);

    sortBy(grid, 'Name');
    await waitFor(() => expect(namesIn(grid)).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']));
    expect(within(grid).getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');

    sortBy(grid, 'Name');
    await waitFor(() => expect(namesIn(grid)).toEqual(['Grace Hopper', 'Alan Turing', 'Ada Lovelace']));

    // MRNs compare as shown, digits numerically: 0001 < 0002 < 0010.
    sortBy(grid, 'MRN');
    await waitFor(() => expect(namesIn(grid)).toEqual(['Alan Turing', 'Grace Hopper', 'Ada Lovelace']));
  });

  it('filters by text across the visible cells', async () => {
    const { grid } = await renderBoard();
    const filter = screen.getByRole('searchbox', { name: 'Filter patients' });

    fireEvent.change(filter, { target: { value: 'icu' } });
    await waitFor(() => expect(namesIn(grid)).toEqual(['Grace Hopper']));

    fireEvent.change(filter, { target: { value: 'ward 7 ada' } });
    await waitFor(() => expect(namesIn(grid)).toEqual(['Ada Lovelace']));

    fireEvent.change(filter, { target: { value: 'nobody' } });
    expect(await screen.findByText('No patients match “nobody”')).toBeInTheDocument();
  });

  it('removes a patient after confirmation from the row menu', async () => {
    const { api, grid } = await renderBoard([
      { method: 'DELETE', url: '/api/lists/list-1/patients/e2', status: 204 },
      { method: 'GET', url: urls.list('list-1'), json: aView(list, rows), once: true },
    ]);

    fireEvent.click(within(grid).getByRole('button', { name: 'Actions for Ada Lovelace' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Remove' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Ada Lovelace?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual(['/api/lists/list-1/patients/e2']);
    expect(api.unexpected).toEqual([]);
  });

  it('exports the list as CSV in the viewer’s time zone and saves it under the list name, marked as UTF-8 for spreadsheets', async () => {
    const zone = encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const { api } = await renderBoard([{ method: 'GET', url: `/api/lists/list-1/export.csv?timeZone=${zone}`, text: 'name,mrn\nAda Lovelace,MRN-0010\n' }]);
    const createObjectURL = jest.fn<string, [Blob]>(() => 'blob:csv');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    let saved: { name: string; href: string } | undefined;
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved = { name: this.download, href: this.href };
    });

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(saved).toEqual({ name: 'Ward 7 West.csv', href: 'blob:csv' }));
    expect(api.requests.find((r) => r.url.includes('export.csv'))?.headers['Accept']).toMatch(/text\/csv/);
    const file = createObjectURL.mock.calls[0]![0];
    expect(await textOf(file)).toBe('name,mrn\nAda Lovelace,MRN-0010\n');
    // Decoding as text hides it: the file's first bytes are UTF-8's byte-order mark.
    expect([...new Uint8Array(await bytesOf(file)).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    jest.restoreAllMocks();
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('makes another list the default', async () => {
    const icu = aList({ id: 'list-2', name: 'ICU', isDefault: false });
    const { api } = await renderBoard([
      { method: 'PATCH', url: '/api/lists/list-2', json: { ...icu, isDefault: true } },
      { method: 'GET', url: urls.list('list-2'), json: aView(icu, []) },
    ]);
    expect(screen.getByRole('button', { name: 'Set as default' })).toHaveAttribute('aria-disabled', 'true');

    fireEvent.click(screen.getByRole('combobox', { name: 'Rounding list' }));
    fireEvent.click(await screen.findByRole('option', { name: /^ICU/ }));
    expect(await screen.findByText('No patients on ICU yet')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Set as default' }));

    await waitFor(() => expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ isDefault: true }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Rounding list' })).toHaveTextContent('ICU (default)'));
  });
});
