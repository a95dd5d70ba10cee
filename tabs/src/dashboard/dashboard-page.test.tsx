import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { VisitFiguresDto, VisitStatsDto } from '../../../bot/src/contracts/visit-stats-api';
import type { Clock } from '../shared/clock';
import type { FakeRoute } from '../test-support/fake-api';
import { sessionWith } from '../test-support/session';
import { DashboardPage } from './dashboard-page';

jest.mock('@microsoft/teams-js', () => ({}));
// The chart library's d3 modules are ES modules only, which the jsdom project does not compile; the
// charts are checked by the build and its budget. Here: that the page hands them every day.
jest.mock('./visit-charts', () => ({
  VisitCharts: ({ days }: { days: { day: string }[] }) => <p>Charts of {days.map((day) => day.day).join(', ')}</p>,
}));

/** Monday 10 March 2031, 15:00 in London: the last 30 days run from 9 February. */
const clock: Clock = { now: () => new Date('2031-03-10T15:00:00Z'), timeZone: 'Europe/London' };
const statsUrl = (from: string, to: string, file = 'visit-stats') => `/api/teams/team-1/${file}?from=${from}&to=${to}&timeZone=Europe%2FLondon`;
const last30 = statsUrl('2031-02-09', '2031-03-10');

const none: VisitFiguresDto = {
  visits: 0,
  completed: 0,
  noShows: 0,
  cancelled: 0,
  medianWaitSeconds: null,
  p90WaitSeconds: null,
  medianLengthSeconds: null,
  deviceChecked: 0,
  deviceFailed: 0,
  deviceFailureRate: null,
  callQuality: { measuredVisits: 0, good: 0, fair: 0, poor: 0 },
  feedback: { meanRating: null, ratedVisits: 0 },
};

function statsOf(days: Record<string, Partial<VisitFiguresDto>>, totals: Partial<VisitFiguresDto>, from = '2031-03-09', to = '2031-03-10'): VisitStatsDto {
  return { teamId: 'team-1', from, to, timeZone: 'Europe/London', totals: { ...none, ...totals }, days: Object.entries(days).map(([day, figures]) => ({ day, ...none, ...figures })) };
}

const march = statsOf(
  {
    '2031-03-09': {},
    '2031-03-10': { visits: 3, completed: 2, noShows: 1, medianWaitSeconds: 360, p90WaitSeconds: 552, medianLengthSeconds: 1050, deviceChecked: 3, deviceFailed: 2, deviceFailureRate: 2 / 3, feedback: { meanRating: 3, ratedVisits: 2 } },
  },
  {
    visits: 3,
    completed: 2,
    noShows: 1,
    medianWaitSeconds: 360,
    p90WaitSeconds: 552,
    medianLengthSeconds: 1050,
    deviceChecked: 3,
    deviceFailed: 2,
    deviceFailureRate: 2 / 3,
    feedback: { meanRating: 10 / 3, ratedVisits: 3 },
    callQuality: { measuredVisits: 3, good: 1, fair: 1, poor: 1 },
  },
);

async function renderPage(routes: FakeRoute[], host: { teamId?: string } = {}) {
  const { session, api } = await sessionWith(routes, { host });
  render(
    <FluentProvider theme={teamsLightTheme}>
      <DashboardPage session={session} clock={clock} />
    </FluentProvider>,
  );
  return api;
}

/** jsdom's Blob has no arrayBuffer(); FileReader it is. */
const bytesOf = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(blob);
  });

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Dashboard page', () => {
  it('shows the team’s figures for the last 30 days: the period, each day with visits, call grades, the mean rating, and what is not measured yet', async () => {
    const api = await renderPage([{ method: 'GET', url: last30, json: march }]);

    const table = await screen.findByRole('table', { name: 'Visit figures' });
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent);
    expect(headers).toEqual(['Day', 'Visits', 'Completed', 'No-shows', 'Cancelled', 'Median wait', '90th percentile wait', 'Median visit length', 'Device check failures', 'Call quality', 'Patient feedback']);
    const [, period, day, ...rest] = within(table).getAllByRole('row');
    expect(cells(period!)).toEqual(['2031-03-09 to 2031-03-10', '3', '2', '1', '0', '6.0 min', '9.2 min', '17.5 min', '67% (2 of 3)', '1 good, 1 fair, 1 poor', '3.3 of 5 (3 visits)']);
    // Days without visits stay out of the table (the chart still draws them).
    expect(cells(day!)[0]).toBe('2031-03-10');
    // A day without a measured call says so.
    expect(cells(day!).slice(-2)).toEqual(['Not measured yet', '3.0 of 5 (2 visits)']);
    expect(rest).toEqual([]);
    expect(await screen.findByText('Charts of 2031-03-09, 2031-03-10')).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveValue('2031-02-09');
    expect(screen.getByLabelText('To')).toHaveValue('2031-03-10');
    expect(api.unexpected).toEqual([]);
  });

  it('says so when the dates hold no visits, without a table or charts', async () => {
    await renderPage([{ method: 'GET', url: last30, json: statsOf({ '2031-03-10': {} }, {}) }]);

    expect(await screen.findByText('No visits in these dates')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText(/Charts of/)).not.toBeInTheDocument();
  });

  it('shows the API’s refusal, e.g. for someone not in the team', async () => {
    await renderPage([
      { method: 'GET', url: last30, status: 403, json: { error: { code: 'forbidden', message: "Only members of this team can see its visits' figures." } } },
    ]);

    expect(await screen.findByText("Only members of this team can see its visits' figures.")).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('asks again for other dates, and asks nothing while the end is before the start', async () => {
    const api = await renderPage([
      { method: 'GET', url: last30, json: march },
      { method: 'GET', url: statsUrl('2031-03-01', '2031-03-10'), json: statsOf({}, {}, '2031-03-01', '2031-03-10') },
    ]);
    await screen.findByRole('table', { name: 'Visit figures' });

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2031-03-11' } });
    expect(await screen.findByText('The end date must be on or after the start date.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2031-03-01' } });

    expect(await screen.findByText('No visits in these dates')).toBeInTheDocument();
    expect(api.requests.map((request) => request.url)).toEqual(['/api/client-config', last30, statsUrl('2031-03-01', '2031-03-10')]);
  });

  it('exports the daily figures as a CSV file named by its dates, marked as UTF-8 for spreadsheets', async () => {
    await renderPage([
      { method: 'GET', url: last30, json: march },
      { method: 'GET', url: statsUrl('2031-02-09', '2031-03-10', 'visit-stats.csv'), text: 'Day,Visits\r\n2031-03-10,3\r\n' },
    ]);
    await screen.findByRole('table', { name: 'Visit figures' });
    const createObjectURL = jest.fn<string, [Blob]>(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    let saved: string | undefined;
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved = this.download;
    });

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(saved).toBe('visit-figures-2031-02-09-to-2031-03-10.csv'));
    const bytes = new Uint8Array(await bytesOf(createObjectURL.mock.calls[0]![0]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('asks for a team when it was opened without one, and calls nothing', async () => {
    const api = await renderPage([], { teamId: undefined });

    expect(await screen.findByText('Open the Dashboard for a team')).toBeInTheDocument();
    expect(api.requests.map((request) => request.url)).toEqual(['/api/client-config']);
  });
});
