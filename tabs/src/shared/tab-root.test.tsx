import { render, screen } from '@testing-library/react';
import { MyVisitsPage } from '../visits/my-visits-page';
import type { Clock } from './clock';
import { devClientConfig, fakeApi, routeGlobalFetch } from '../test-support/fake-api';
import type { FakeRoute } from '../test-support/fake-api';
import { TabRoot } from './tab-root';

// A top-level jsdom window is never Teams: teams-js must not even be called.
jest.mock('@microsoft/teams-js', () => ({}));

const clock: Clock = { now: () => new Date('2031-03-10T15:00:00Z'), timeZone: 'Europe/London' };
const myWeek = '/api/me/visits?from=2031-03-10&to=2031-03-17&timeZone=Europe%2FLondon';

function renderMyVisits(routes: FakeRoute[]) {
  const api = fakeApi(routes);
  routeGlobalFetch(api);
  render(<TabRoot title="My visits" page={(session) => <MyVisitsPage session={session} clock={clock} />} />);
  return api;
}

afterEach(() => jest.restoreAllMocks());

describe('TabRoot with the My visits page, outside Teams', () => {
  it('says it runs outside Teams against a dev-mode API, and shows the page', async () => {
    renderMyVisits([
      { method: 'GET', url: '/api/client-config', json: devClientConfig },
      { method: 'GET', url: myWeek, json: { visits: [] } },
    ]);

    expect(await screen.findByText('No visits today or in the next 7 days')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'My visits' })).toBeInTheDocument();
    expect(screen.getByTestId('dev-banner')).toHaveTextContent('Dev mode: running outside Microsoft Teams');
    expect(screen.getByTestId('api-dev-mode-banner')).toHaveTextContent(/does not check who you are.*loopback/);
  });

  it('shows the API error message when the page cannot load', async () => {
    renderMyVisits([
      { method: 'GET', url: '/api/client-config', json: { ...devClientConfig, devMode: false, appId: 'app-id' } },
      { method: 'GET', url: myWeek, status: 401, json: { error: { code: 'unauthenticated', message: 'Open Rounds from Microsoft Teams to sign in.' } } },
    ]);

    expect(await screen.findByText('Open Rounds from Microsoft Teams to sign in.')).toBeInTheDocument();
    expect(screen.getByTestId('dev-banner')).toBeInTheDocument();
    expect(screen.queryByTestId('api-dev-mode-banner')).not.toBeInTheDocument();
  });

  it('shows a plain message, not the gateway page, when the API is down at start', async () => {
    renderMyVisits([{ method: 'GET', url: '/api/client-config', status: 502, text: '<html><pre>Error: upstream at proxy.js:12</pre></html>' }]);

    expect(await screen.findByText(/could not complete the request \(HTTP 502\)/)).toBeInTheDocument();
    expect(screen.queryByText(/proxy\.js/)).not.toBeInTheDocument();
    expect(screen.queryByText(/No visits/)).not.toBeInTheDocument();
  });
});
