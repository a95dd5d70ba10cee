import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import type { FakeRoute } from '../test-support/fake-api';
import { sessionWith } from '../test-support/session';
import { MyVisitsPage } from './my-visits-page';
import type { Clock } from '../shared/clock';

jest.mock('@microsoft/teams-js', () => ({}));

/** Monday 10 March 2031, 15:00 in London (GMT until the 30th). */
const clock: Clock = { now: () => new Date('2031-03-10T15:00:00Z'), timeZone: 'Europe/London' };
const url = (from: string, to: string, status?: string) =>
  `/api/me/visits?from=${from}&to=${to}&timeZone=Europe%2FLondon${status ? `&status=${encodeURIComponent(status)}` : ''}`;
const next7 = url('2031-03-10', '2031-03-17');

function aVisit(id: string, overrides: Partial<VisitDto> = {}): VisitDto {
  return {
    id,
    status: 'scheduled',
    start: '2031-03-10T09:00:00.000Z',
    end: '2031-03-10T09:30:00.000Z',
    durationMinutes: 30,
    visitType: 'video',
    patient: { id: null, name: 'Ada Lovelace', mrn: 'MRN-001', birthDate: null },
    clinicians: [{ aadObjectId: 'dev-user', name: 'Dev Clinician', email: null }, { aadObjectId: null, name: 'Dr Okafor', email: null }],
    reason: 'Post-op check',
    notify: ['email'],
    meetingProvider: 'builtin',
    patientJoinUrl: `https://rounds.example/lobby/token-${id}`,
    clinicianJoinUrl: `https://rounds.example/rooms/room-${id}`,
    teamId: null,
    channelId: null,
    createdAt: '2031-03-01T10:00:00.000Z',
    updatedAt: '2031-03-01T10:00:00.000Z',
    cancelledAt: null,
    endedAt: null,
    guests: [],
    admitWhenClinicianJoins: false,
    ...overrides,
  };
}

const ada = aVisit('v1');
const grace = aVisit('v2', {
  start: '2031-03-11T14:00:00.000Z',
  end: '2031-03-11T14:20:00.000Z',
  patient: { id: null, name: 'Grace Hopper', mrn: null, birthDate: null },
  reason: null,
  clinicianJoinUrl: null,
  status: 'pending',
});

async function renderPage(routes: FakeRoute[]) {
  const { session, api } = await sessionWith(routes, { host: { locale: 'en-GB' } });
  render(
    <FluentProvider theme={teamsLightTheme}>
      <MyVisitsPage session={session} clock={clock} />
    </FluentProvider>,
  );
  return api;
}

const item = (name: string) => screen.getByRole('listitem', { name: new RegExp(name) });

afterEach(() => {
  jest.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('My visits page', () => {
  it('lists my visits of today and the next 7 days by day, in my time zone, with what I can do', async () => {
    const api = await renderPage([{ method: 'GET', url: next7, json: { visits: [grace, ada] } }]);

    expect(await screen.findByRole('heading', { level: 2, name: 'Today, Monday 10 March' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Tomorrow, Tuesday 11 March' })).toBeInTheDocument();
    const today = item('Ada Lovelace');
    expect(within(today).getByRole('heading', { level: 3 })).toHaveTextContent('09:00–09:30 · Ada Lovelace');
    expect(today).toHaveTextContent('MRN MRN-001');
    expect(today).toHaveTextContent('With Dev Clinician, Dr Okafor');
    expect(today).toHaveTextContent('Reason: Post-op check');
    expect(today).toHaveTextContent('Scheduled');
    expect(within(today).getByRole('link', { name: 'Join visit with Ada Lovelace' })).toHaveAttribute('href', 'https://rounds.example/rooms/room-v1');
    // A pending visit has no meeting yet: Join stays focusable and says why it is off.
    const tomorrow = item('Grace Hopper');
    expect(tomorrow).toHaveTextContent('Setting up meeting');
    expect(within(tomorrow).getByRole('button', { name: 'Join visit with Grace Hopper' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByText('Times are in your time zone, Europe/London.')).toBeInTheDocument();
    expect(screen.getByText('2 visits')).toBeInTheDocument();
    expect(api.unexpected).toEqual([]);
  });

  it('asks the API again for other dates and statuses, and filters by patient in place', async () => {
    const api = await renderPage([
      { method: 'GET', url: next7, json: { visits: [ada, grace] } },
      { method: 'GET', url: url('2031-03-03', '2031-03-10'), json: { visits: [aVisit('old', { start: '2031-03-04T09:00:00.000Z', end: '2031-03-04T09:30:00.000Z', status: 'completed' })] } },
      { method: 'GET', url: url('2031-03-03', '2031-03-10', 'cancelled'), json: { visits: [] } },
      // A completed visit's lobby is read too (for the patient's rating); this one answers that it is gone.
      { method: 'GET', url: '/api/me/visits/old/lobby', status: 404, json: { error: { code: 'not_found', message: 'There is no such visit.' } } },
    ]);
    await screen.findByText('2 visits');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Patient name or MRN' }), { target: { value: 'grace' } });
    expect(screen.getByText('Showing 1 of 2 visits')).toBeInTheDocument();
    expect(screen.queryByRole('listitem', { name: /Ada Lovelace/ })).not.toBeInTheDocument();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Patient name or MRN' }), { target: { value: 'nobody' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Show all patients' }));
    expect(screen.getByText('2 visits')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('radio', { name: 'Past 7 days' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Tuesday 4 March' })).toBeInTheDocument();
    // Over: nothing left to do with it.
    expect(within(item('Ada Lovelace')).queryByRole('button')).not.toBeInTheDocument();

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'cancelled' } });
    expect(await screen.findByText('No visits in the past 7 days')).toBeInTheDocument();
    expect(api.requests.map((request) => request.url)).toEqual([
      '/api/client-config',
      next7,
      url('2031-03-03', '2031-03-10'),
      '/api/me/visits/old/lobby',
      url('2031-03-03', '2031-03-10', 'cancelled'),
    ]);
  });

  it('copies the patient link and says so', async () => {
    const writeText = jest.fn<Promise<void>, [string]>().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await renderPage([{ method: 'GET', url: next7, json: { visits: [ada] } }]);

    fireEvent.click(await screen.findByRole('button', { name: 'Copy patient link for Ada Lovelace' }));

    expect(await within(item('Ada Lovelace')).findByText('Copied')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith('https://rounds.example/lobby/token-v1');
  });

  it('shows the link selected in a field when the clipboard is refused', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('NotAllowedError')) }, configurable: true });
    await renderPage([{ method: 'GET', url: next7, json: { visits: [ada] } }]);

    fireEvent.click(await screen.findByRole('button', { name: 'Copy patient link for Ada Lovelace' }));

    const field = await screen.findByRole('textbox', { name: 'Patient link for Ada Lovelace' });
    expect(field).toHaveValue('https://rounds.example/lobby/token-v1');
    expect(field).toHaveFocus();
    expect(within(item('Ada Lovelace')).queryByText('Copied')).not.toBeInTheDocument();
  });

  it('cancels a visit after asking, and keeps the dialog open with the reason when it fails', async () => {
    const api = await renderPage([
      { method: 'GET', url: next7, json: { visits: [ada] } },
      { method: 'POST', url: '/api/me/visits/v1/cancel', status: 409, json: { error: { code: 'conflict', message: 'Someone else changed this visit at the same moment. Look at it again and retry.' } }, once: true },
      { method: 'POST', url: '/api/me/visits/v1/cancel', json: { ...ada, status: 'cancelled', cancelledAt: '2031-03-10T15:00:00.000Z' } },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Cancel visit with Ada Lovelace' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel the visit with Ada Lovelace?' });
    expect(dialog).toHaveTextContent('Today, Monday 10 March, 09:00–09:30. The meeting is removed');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel visit' }));
    expect(await within(dialog).findByText(/Someone else changed this visit/)).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel visit' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await waitFor(() => expect(item('Ada Lovelace')).toHaveTextContent('Cancelled'));
    expect(within(item('Ada Lovelace')).queryByRole('button', { name: /Cancel visit/ })).not.toBeInTheDocument();
    expect(api.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });

  it("lists a visit's guests and switches \"let them in when I'm ready\"", async () => {
    const withGuests = aVisit('v1', {
      guests: [
        { id: 'g1', name: 'Ana Okafor', relationship: 'daughter', language: null, joinUrl: 'https://rounds.example/lobby/g1' },
        { id: 'g2', name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', joinUrl: 'https://rounds.example/lobby/g2' },
      ],
    });
    const api = await renderPage([
      { method: 'GET', url: next7, json: { visits: [withGuests] } },
      { method: 'POST', url: '/api/me/visits/v1/admit-when-ready', json: { ...withGuests, admitWhenClinicianJoins: true } },
    ]);

    const item = await screen.findByRole('listitem', { name: /Ada Lovelace/ });
    expect(item).toHaveTextContent('Guests: Ana Okafor (daughter), Luis Ortega (interpreter, Spanish)');
    const toggle = within(item).getByRole('switch', { name: /Let them in when I'm ready/ });
    expect(toggle).not.toBeChecked();
    fireEvent.click(toggle);

    await waitFor(() => expect(within(screen.getByRole('listitem', { name: /Ada Lovelace/ })).getByRole('switch', { name: /Let them in when I'm ready/ })).toBeChecked());
    expect(api.requests.filter((request) => request.method === 'POST')).toEqual([expect.objectContaining({ url: '/api/me/visits/v1/admit-when-ready', body: { on: true } })]);
    expect(api.unexpected).toEqual([]);
  });

  it('says how to schedule a visit when there are none', async () => {
    await renderPage([{ method: 'GET', url: next7, json: { visits: [] } }]);

    expect(await screen.findByText('No visits today or in the next 7 days')).toBeInTheDocument();
    expect(screen.getByText(/type “@Rounds schedule” in a chat or channel with Rounds/)).toBeInTheDocument();
  });

  it('shows a failed load in the page and keeps the filters to try again', async () => {
    await renderPage([
      { method: 'GET', url: next7, status: 503, json: { error: { code: 'unavailable', message: 'The visits store is not answering. Try again in a moment.' } }, once: true },
      { method: 'GET', url: next7, json: { visits: [ada] } },
    ]);

    expect(await screen.findByText('The visits store is not answering. Try again in a moment.')).toBeInTheDocument();
    expect(screen.getByRole('search', { name: 'Filter visits' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByRole('listitem', { name: /Ada Lovelace/ })).toBeInTheDocument();
    expect(screen.queryByText(/not answering/)).not.toBeInTheDocument();
  });
});
