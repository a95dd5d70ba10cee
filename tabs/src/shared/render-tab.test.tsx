import { act, screen } from '@testing-library/react';
import { devClientConfig, fakeApi, routeGlobalFetch } from '../test-support/fake-api';
import { renderTab } from './render-tab';

// A top-level jsdom window is never Teams: teams-js must not even be called.
jest.mock('@microsoft/teams-js', () => ({}));

beforeEach(() => {
  document.body.innerHTML = '<div id="root"></div>';
  routeGlobalFetch(fakeApi([{ method: 'GET', url: '/api/client-config', json: devClientConfig }]));
});

afterEach(() => jest.restoreAllMocks());

describe('renderTab', () => {
  it('shows the page once its code has arrived, inside the frame', async () => {
    await act(async () => renderTab({ title: 'On call', load: async () => () => <p>Who is on call now</p> }));

    expect(await screen.findByText('Who is on call now')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'On call' })).toBeInTheDocument();
  });

  it('says what to do when the page’s code cannot be downloaded, keeping the frame', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await act(async () => renderTab({ title: 'On call', load: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) }));

    expect(await screen.findByText('Rounds could not load this page. Check your connection, then reload the tab.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'On call' })).toBeInTheDocument();
    expect(screen.queryByText(/dynamically imported/)).not.toBeInTheDocument();
  });
});
