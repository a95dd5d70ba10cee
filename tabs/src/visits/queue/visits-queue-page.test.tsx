import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Clock } from '../../shared/clock';
import { fakeStream } from '../../test-support/fake-api';
import type { FakeRoute } from '../../test-support/fake-api';
import { sessionWith } from '../../test-support/session';
import type { SessionOptions } from '../../test-support/session';
import { aLobby, aVisit } from '../../test-support/visits-fixtures';
import { VisitsQueuePage } from './visits-queue-page';
import type { QueueScope } from './queue-scope';

jest.mock('@microsoft/teams-js', () => ({}));

/** Monday 10 March 2031, 10:05 in London (GMT). */
const clock: Clock = { now: () => new Date('2031-03-10T10:05:00Z'), timeZone: 'Europe/London' };
const channelList = '/api/channel-visits?teamId=team-1&channelId=channel-1&from=2031-03-10&to=2031-03-10&timeZone=Europe%2FLondon';
const teamList = '/api/channel-visits?teamId=team-1&from=2031-03-10&to=2031-03-10&timeZone=Europe%2FLondon';
const channelEvents = '/api/channel-visits/events?teamId=team-1&channelId=channel-1';
const teamEvents = '/api/channel-visits/events?teamId=team-1';

const scheduled = aVisit('v1', { start: '2031-03-10T10:00:00.000Z', end: '2031-03-10T10:30:00.000Z', clinicians: [{ aadObjectId: 'colleague', name: 'Dr Okafor', email: null }] });

async function renderQueue(routes: FakeRoute[], scope: QueueScope = 'channel', options?: SessionOptions) {
  const { session, api } = await sessionWith(routes, { host: { locale: 'en-GB' }, ...options });
  render(
    <FluentProvider theme={teamsLightTheme}>
      <VisitsQueuePage session={session} clock={clock} scope={scope} />
    </FluentProvider>,
  );
  return api;
}

describe('Visits channel tab', () => {
  it('moves a visit to Waiting, with its lobby and Admit, when a live event names it', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stream = fakeStream();
    await renderQueue([
      { method: 'GET', url: channelList, json: { visits: [scheduled] }, once: true },
      { method: 'GET', url: channelList, json: { visits: [{ ...scheduled, status: 'waiting', updatedAt: '2031-03-10T10:04:00.000Z' }] } },
      { method: 'GET', url: channelEvents, stream },
      { method: 'GET', url: '/api/me/visits/v1/lobby', json: aLobby() },
    ]);
    const later = await screen.findByRole('region', { name: 'Later today' });
    expect(within(later).getByRole('heading', { level: 3, name: /Ada Lovelace/ })).toBeInTheDocument();
    expect(screen.getByText('1 visit today')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(stream.openCount).toBe(1));

    stream.push('data: {"visitId":"v1"}\n\n');

    const waiting = await screen.findByRole('region', { name: 'Waiting' });
    expect(await within(waiting).findByRole('button', { name: 'Admit Ada Lovelace' })).toBeInTheDocument();
    expect(within(waiting).getByText('Speaker not working')).toBeInTheDocument();
    expect(screen.getByText('1 waiting · 1 visit today')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('region', { name: 'Later today' })).not.toBeInTheDocument();
    // The queue offers what the team does with the visit, not cancelling a colleague's visit.
    expect(within(waiting).queryByRole('button', { name: /Cancel visit/ })).not.toBeInTheDocument();
    jest.restoreAllMocks();
  });

  it('shows who waits with the patient, and admits everyone from the queue', async () => {
    const waitingVisit = { ...scheduled, status: 'waiting' as const, guests: [{ id: 'g1', name: 'Ana Okafor', relationship: 'daughter', language: null, joinUrl: 'https://rounds.example/lobby/token-g1' }] };
    const guest = { participant: 'guest:g1', name: 'Ana Okafor', relationship: 'daughter', language: null, checkedInAt: '2031-03-10T10:03:00.000Z', deviceCheck: null, admittedAt: null };
    const lobby = aLobby({ waiting: 'Ada L. and 1 guest waiting' });
    const api = await renderQueue([
      { method: 'GET', url: channelList, json: { visits: [waitingVisit] } },
      { method: 'GET', url: channelEvents, stream: fakeStream() },
      { method: 'GET', url: '/api/me/visits/v1/lobby', json: { ...lobby, people: [...lobby.people, guest] } },
      { method: 'POST', url: '/api/me/visits/v1/admit', json: aLobby({ status: 'in_visit', admittedAt: '2031-03-10T10:05:00.000Z', admittedBy: 'Dev Clinician' }) },
    ]);

    const waiting = await screen.findByRole('region', { name: 'Waiting' });
    expect(await within(waiting).findByText('Ada L. and 1 guest waiting')).toBeInTheDocument();
    expect(within(waiting).getByText(/Ana Okafor \(daughter\) · waiting · Devices not checked/)).toBeInTheDocument();
    fireEvent.click(within(waiting).getByRole('button', { name: /^Admit everyone \(2\)/ }));

    await waitFor(() => expect(api.requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([{ who: 'everyone' }]));
  });

  it('reads the whole team’s visits and events without a channel when set to the team', async () => {
    const api = await renderQueue([
      { method: 'GET', url: teamList, json: { visits: [] } },
      { method: 'GET', url: teamEvents, stream: fakeStream() },
    ], 'team');

    expect(await screen.findByText('No visits today in this team')).toBeInTheDocument();
    expect(screen.queryByText(/choose the whole team/)).not.toBeInTheDocument();
    await waitFor(() => expect(api.requests.map((request) => request.url)).toContain(teamEvents));
  });

  it('says how to see the whole team when the channel has no visits today', async () => {
    await renderQueue([
      { method: 'GET', url: channelList, json: { visits: [] } },
      { method: 'GET', url: channelEvents, stream: fakeStream() },
    ]);

    expect(await screen.findByText('No visits today in this channel')).toBeInTheDocument();
    expect(screen.getByText(/open this tab’s settings and choose the whole team/)).toBeInTheDocument();
  });

  it('shows why the list could not load, and loads it on Try again', async () => {
    await renderQueue([
      { method: 'GET', url: channelList, status: 403, json: { error: { code: 'forbidden', message: 'Only members of this team can see its visits.' } }, once: true },
      { method: 'GET', url: channelList, json: { visits: [scheduled] } },
      { method: 'GET', url: channelEvents, stream: fakeStream() },
    ]);

    expect(await screen.findByText('Only members of this team can see its visits.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('region', { name: 'Later today' })).toBeInTheDocument();
    expect(screen.queryByText('Only members of this team can see its visits.')).not.toBeInTheDocument();
  });

  it('explains that it needs a team channel', async () => {
    const api = await renderQueue([], 'channel', { host: { teamId: undefined, channelId: undefined } });

    expect(screen.getByText(/\?teamId=\.\.\.&channelId=\.\.\./)).toBeInTheDocument();
    expect(api.requests.map((request) => request.url)).toEqual(['/api/client-config']);
  });
});
