import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { RoleDto, ShiftDto } from '../../../bot/src/contracts/roster-api';
import { browserClock } from '../shared/clock';
import type { Clock } from '../shared/clock';
import type { FakeRoute } from '../test-support/fake-api';
import { sessionWith } from '../test-support/session';
import { OnCallPage } from './on-call-page';
import { onJestClock } from '../test-support/jest-clock';

jest.mock('@microsoft/teams-js', () => ({}));

onJestClock();

/**
 * An instant at a wall-clock time of March 2031 in this machine's zone. The page reads and writes
 * times in the browser's zone, as in Teams, so the test runs in whatever zone the machine has.
 */
const local = (day: number, hour: number) => new Date(2031, 2, day, hour).toISOString();
/** Monday 10 March 2031, 15:00 here. */
const clock: Clock = { now: () => new Date(local(10, 15)), timeZone: browserClock.timeZone };
const shiftsUrl = `/api/roster/shifts?${new URLSearchParams({ from: local(10, 0), to: local(17, 0) }).toString()}`;
const LEE = { aadObjectId: 'aad-lee', name: 'Dr Lee', email: 'lee@ward7.example' };
const OKAFOR = { aadObjectId: 'aad-okafor', name: 'Dr Okafor', email: null };

const dayShift: ShiftDto = {
  id: 's1',
  role: 'Cardiology on call',
  person: LEE,
  backup: OKAFOR,
  start: local(10, 8),
  end: local(10, 20),
  updatedBy: 'Dev Clinician',
  updatedAt: '2031-03-09T10:00:00.000Z',
  onDutyNow: true,
};
const nightShift: ShiftDto = { ...dayShift, id: 's2', role: 'Surgery on call', person: OKAFOR, backup: null, start: local(11, 20), end: local(12, 8), onDutyNow: false };
const roles: RoleDto[] = [
  { role: 'Cardiology on call', onDuty: LEE, backup: OKAFOR, until: local(10, 20) },
  { role: 'Surgery on call', onDuty: null, backup: null, until: null },
];

/** The roster as loaded first (answered once), then `after` for every reload. */
const roster = (first: { roles: RoleDto[]; shifts: ShiftDto[] }, after = first): FakeRoute[] => [
  { method: 'GET', url: '/api/roster/roles', json: { roles: first.roles }, once: true },
  { method: 'GET', url: shiftsUrl, json: { shifts: first.shifts }, once: true },
  { method: 'GET', url: '/api/roster/roles', json: { roles: after.roles } },
  { method: 'GET', url: shiftsUrl, json: { shifts: after.shifts } },
];

async function renderPage(routes: FakeRoute[]) {
  const { session, api } = await sessionWith(routes, { host: { locale: 'en-GB' } });
  render(
    <FluentProvider theme={teamsLightTheme}>
      <OnCallPage session={session} clock={clock} />
    </FluentProvider>,
  );
  return api;
}

const item = (name: RegExp) => screen.getByRole('listitem', { name });
const rowTexts = () => screen.getAllByRole('row').map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
const field = (name: string) => screen.getByLabelText(name, { exact: false, selector: 'input' });

async function pickPerson(label: string, typed: string, name: string) {
  fireEvent.change(screen.getByRole('combobox', { name: new RegExp(`^${label}`) }), { target: { value: typed } });
  fireEvent.click(await screen.findByRole('option', { name: new RegExp(name) }));
}

describe('On call page', () => {
  it('shows who is on duty now per role, and the week’s shifts by day in my time zone', async () => {
    const api = await renderPage(roster({ roles, shifts: [nightShift, dayShift] }));

    expect(await screen.findByRole('heading', { level: 2, name: 'On duty now' })).toBeInTheDocument();
    expect(rowTexts()).toEqual([
      ['Role', 'On duty', 'Backup', 'Until'],
      ['Cardiology on call', 'Dr Lee', 'Dr Okafor', '20:00'],
      ['Surgery on call', 'Nobody on duty'],
    ]);
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(['Today, Monday 10 March', 'Tomorrow, Tuesday 11 March']);
    const day = item(/08:00–20:00 · Cardiology on call/);
    expect(day).toHaveTextContent('On duty now');
    expect(day).toHaveTextContent('Dr Lee · Backup: Dr Okafor');
    const night = item(/Surgery on call/);
    expect(within(night).getByRole('heading', { level: 4 })).toHaveTextContent('20:00 – Wed 12 Mar, 08:00 · Surgery on call');
    expect(night).toHaveTextContent('Dr Okafor · No backup');
    expect(night).not.toHaveTextContent('On duty now');
    expect(screen.getByText(`Times are in your time zone, ${browserClock.timeZone}.`)).toBeInTheDocument();
    expect(api.unexpected).toEqual([]);
  });

  it('adds a shift through the form: role suggested, person searched, times in my zone', async () => {
    const saved: ShiftDto = { ...dayShift, id: 's3', person: OKAFOR, backup: null, start: local(10, 16), end: local(11, 4) };
    const api = await renderPage([
      ...roster({ roles, shifts: [] }, { roles, shifts: [saved] }),
      { method: 'GET', url: '/api/people?q=oka', json: { people: [OKAFOR] } },
      { method: 'POST', url: '/api/roster/shifts', status: 201, json: saved },
    ]);
    expect(await screen.findByText('No shifts this week')).toBeInTheDocument();

    fireEvent.click(screen.getAllByRole('button', { name: 'Add shift' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Add a shift' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: /^Role/ }), { target: { value: 'card' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Cardiology on call' }));
    await pickPerson('On call', 'oka', 'Dr Okafor');
    // The next full hour, for 12 hours.
    expect(field('Starts (date)')).toHaveValue('2031-03-10');
    expect(field('Starts (time)')).toHaveValue('16:00');
    expect(field('Ends (date)')).toHaveValue('2031-03-11');
    expect(field('Ends (time)')).toHaveValue('04:00');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add shift' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({
      role: 'Cardiology on call',
      person: OKAFOR,
      backup: null,
      start: local(10, 16),
      end: local(11, 4),
    });
    expect(await screen.findByRole('listitem', { name: /16:00 – Tue 11 Mar, 04:00 · Cardiology on call/ })).toBeInTheDocument();
  });

  it('shows a problem under the field it is about, mine before sending and the API’s after', async () => {
    const api = await renderPage([
      ...roster({ roles, shifts: [] }),
      { method: 'GET', url: '/api/people?q=lee', json: { people: [LEE] } },
      { method: 'POST', url: '/api/roster/shifts', status: 400, json: { error: { code: 'validation', message: 'The shift must end after it starts.', field: 'end' } } },
    ]);
    await screen.findByText('No shifts this week');
    fireEvent.click(screen.getAllByRole('button', { name: 'Add shift' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Add a shift' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: /^Role/ }), { target: { value: 'Renal on call' } });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add shift' }));
    expect(await within(dialog).findByText('Choose who is on call.')).toBeInTheDocument();
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false);

    await pickPerson('On call', 'lee', 'Dr Lee');
    fireEvent.change(field('Ends (date)'), { target: { value: '2031-03-09' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add shift' }));

    expect(await within(dialog).findByText('The shift must end after it starts.')).toBeInTheDocument();
    expect(field('Ends (date)')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Ends (time)')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Starts (date)')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('dialog', { name: 'Add a shift' })).toBeInTheDocument();
  });

  it('edits a shift, starting from what it is', async () => {
    const changed: ShiftDto = { ...dayShift, end: local(10, 21) };
    const api = await renderPage([...roster({ roles, shifts: [dayShift] }, { roles, shifts: [changed] }), { method: 'PUT', url: '/api/roster/shifts/s1', json: changed }]);

    fireEvent.click(await screen.findByRole('button', { name: 'Edit Cardiology on call shift of Dr Lee, 08:00–20:00' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit shift' });
    expect(within(dialog).getByRole('combobox', { name: /^Role/ })).toHaveValue('Cardiology on call');
    expect(within(dialog).getByRole('combobox', { name: /^On call/ })).toHaveValue('Dr Lee');
    expect(within(dialog).getByRole('combobox', { name: /^Backup/ })).toHaveValue('Dr Okafor');
    expect(field('Starts (time)')).toHaveValue('08:00');
    fireEvent.change(field('Ends (time)'), { target: { value: '21:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save shift' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests.find((request) => request.method === 'PUT')?.body).toEqual({
      role: 'Cardiology on call',
      person: LEE,
      backup: OKAFOR,
      start: local(10, 8),
      end: local(10, 21),
    });
    expect(await screen.findByRole('listitem', { name: /08:00–21:00 · Cardiology on call/ })).toBeInTheDocument();
  });

  it('removes a shift after asking', async () => {
    const api = await renderPage([...roster({ roles, shifts: [dayShift] }, { roles: [], shifts: [] }), { method: 'DELETE', url: '/api/roster/shifts/s1', status: 204 }]);

    fireEvent.click(await screen.findByRole('button', { name: 'Remove Cardiology on call shift of Dr Lee, 08:00–20:00' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove this shift?' });
    expect(dialog).toHaveTextContent('Cardiology on call: Dr Lee, Today, Monday 10 March, 08:00–20:00.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove shift' }));

    expect(await screen.findByText('No shifts this week')).toBeInTheDocument();
    expect(screen.getByText(/Nobody is on the roster yet/)).toBeInTheDocument();
    expect(api.requests.filter((request) => request.method === 'DELETE').map((request) => request.url)).toEqual(['/api/roster/shifts/s1']);
  });

  it('shows a failed load and loads again on Refresh', async () => {
    await renderPage([
      { method: 'GET', url: '/api/roster/roles', status: 503, json: { error: { code: 'unavailable', message: 'The roster is not answering. Try again in a moment.' } }, once: true },
      { method: 'GET', url: shiftsUrl, json: { shifts: [] }, once: true },
      ...roster({ roles, shifts: [dayShift] }),
    ]);

    expect(await screen.findByText('The roster is not answering. Try again in a moment.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('listitem', { name: /Cardiology on call/ })).toBeInTheDocument();
    expect(screen.queryByText(/not answering/)).not.toBeInTheDocument();
  });
});
