import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ClinicianLobbyView } from '../../../bot/src/contracts/lobby-api';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import type { FakeRoute } from '../test-support/fake-api';
import { sessionWith } from '../test-support/session';
import { MyVisitsPage } from './my-visits-page';
import type { Clock } from '../shared/clock';
import { deviceWords } from './visit-lobby-actions';

jest.mock('@microsoft/teams-js', () => ({}));

/** Monday 10 March 2031, 10:05 in London (GMT). */
const clock: Clock = { now: () => new Date('2031-03-10T10:05:00Z'), timeZone: 'Europe/London' };
const list = '/api/me/visits?from=2031-03-10&to=2031-03-17&timeZone=Europe%2FLondon';
const lobbyUrl = '/api/me/visits/v1/lobby';

function aVisit(id: string, overrides: Partial<VisitDto> = {}): VisitDto {
  return {
    id,
    status: 'waiting',
    start: '2031-03-10T10:00:00.000Z',
    end: '2031-03-10T10:30:00.000Z',
    durationMinutes: 30,
    visitType: 'video',
    patient: { id: null, name: 'Ada Lovelace', mrn: 'MRN-001', birthDate: null },
    clinicians: [{ aadObjectId: 'dev-user', name: 'Dev Clinician', email: null }],
    reason: null,
    notify: [],
    meetingProvider: 'builtin',
    patientJoinUrl: `https://rounds.example/lobby/token-${id}`,
    clinicianJoinUrl: `https://rounds.example/rooms/room-${id}`,
    teamId: null,
    channelId: null,
    createdAt: '2031-03-01T10:00:00.000Z',
    updatedAt: '2031-03-10T10:02:00.000Z',
    cancelledAt: null,
    endedAt: null,
    guests: [],
    admitWhenClinicianJoins: false,
    ...overrides,
  };
}

const allOk = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 40, userAgent: null, at: '2031-03-10T10:01:00.000Z' } as const;

function aLobby(overrides: Partial<ClinicianLobbyView> = {}): ClinicianLobbyView {
  const lobby = {
    visitId: 'v1',
    status: 'waiting',
    checkedInAt: '2031-03-10T10:02:00.000Z',
    deviceCheck: { ...allOk, speaker: 'failed' as const },
    admittedAt: null,
    admittedBy: null,
    messages: [],
    timeline: [],
    waiting: null,
    admitWhenClinicianJoins: false,
    feedback: [],
    ...overrides,
  };
  // The patient alone, as the top-level fields say, unless a test brings guests.
  const patient = { participant: 'patient', name: 'Ada Lovelace', relationship: null, language: null, checkedInAt: lobby.checkedInAt, deviceCheck: lobby.deviceCheck, admittedAt: lobby.admittedAt };
  return { people: [patient], ...lobby };
}

const waiting = aVisit('v1');
const admitted = aLobby({ status: 'in_visit', admittedAt: '2031-03-10T10:06:00.000Z', admittedBy: 'Dr Okafor' });

async function renderPage(routes: FakeRoute[], pageClock: Clock = clock) {
  const { session, api } = await sessionWith(routes, { host: { locale: 'en-GB' } });
  render(
    <FluentProvider theme={teamsLightTheme}>
      <MyVisitsPage session={session} clock={pageClock} />
    </FluentProvider>,
  );
  return api;
}

const row = () => screen.getByRole('listitem', { name: /Ada Lovelace/ });
const posts = (api: Awaited<ReturnType<typeof renderPage>>) => api.requests.filter((request) => request.method === 'POST');

afterEach(() => jest.restoreAllMocks());

describe('My visits: the lobby of a waiting visit', () => {
  it('shows how long the patient has waited and how the device check went, and asks only for visits with a lobby', async () => {
    const api = await renderPage([
      { method: 'GET', url: list, json: { visits: [waiting, aVisit('v2', { status: 'scheduled', patient: { id: null, name: 'Grace Hopper', mrn: null, birthDate: null } })] } },
      { method: 'GET', url: lobbyUrl, json: aLobby() },
    ]);

    expect(await within(await screen.findByRole('listitem', { name: /Ada Lovelace/ })).findByRole('timer')).toHaveTextContent('Waiting · 3 min');
    expect(row()).toHaveTextContent('Speaker not working');
    expect(within(row()).getByRole('button', { name: 'Admit Ada Lovelace' })).toBeInTheDocument();
    expect(within(screen.getByRole('listitem', { name: /Grace Hopper/ })).queryByRole('timer')).not.toBeInTheDocument();
    expect(api.unexpected).toEqual([]);
    expect(api.requests.filter((request) => request.url.endsWith('/lobby')).map((request) => request.url)).toEqual([lobbyUrl]);
  });

  it('moves the wait timer on every 30 seconds', async () => {
    let now = new Date('2031-03-10T10:05:00Z');
    const ticks: (() => void)[] = [];
    const setInterval = window.setInterval.bind(window);
    jest.spyOn(window, 'setInterval').mockImplementation(((callback: () => void, ms: number) => {
      if (ms === 30_000) ticks.push(callback);
      return setInterval(() => undefined, 1_000_000);
    }) as typeof window.setInterval);
    await renderPage([
      { method: 'GET', url: list, json: { visits: [waiting] } },
      { method: 'GET', url: lobbyUrl, json: aLobby() },
    ], { now: () => now, timeZone: 'Europe/London' });
    expect(await screen.findByRole('timer')).toHaveTextContent('Waiting · 3 min');

    now = new Date('2031-03-10T10:07:30Z');
    act(() => ticks.forEach((tick) => tick()));

    expect(screen.getByRole('timer')).toHaveTextContent('Waiting · 5 min');
  });

  it('admits the patient, says who admitted them and when, and loads the list again', async () => {
    const api = await renderPage([
      { method: 'GET', url: list, json: { visits: [waiting] }, once: true },
      { method: 'GET', url: list, json: { visits: [{ ...waiting, status: 'in_visit', updatedAt: '2031-03-10T10:06:00.000Z' }] } },
      { method: 'GET', url: lobbyUrl, json: aLobby(), once: true },
      { method: 'GET', url: lobbyUrl, json: admitted },
      { method: 'POST', url: '/api/me/visits/v1/admit', json: admitted },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Admit Ada Lovelace' }));

    expect(await within(row()).findByText(/Admitted by Dr Okafor at/)).toHaveTextContent('Admitted by Dr Okafor at 10:06');
    await waitFor(() => expect(row()).toHaveTextContent('In visit'));
    expect(within(row()).queryByRole('button', { name: 'Admit Ada Lovelace' })).not.toBeInTheDocument();
    expect(posts(api)).toHaveLength(1);
    expect(api.requests.filter((request) => request.url === list)).toHaveLength(2);
    expect(api.unexpected).toEqual([]);
  });

  it('sends the patient a quick message from the dialog', async () => {
    const api = await renderPage([
      { method: 'GET', url: list, json: { visits: [waiting] } },
      { method: 'GET', url: lobbyUrl, json: aLobby() },
      { method: 'POST', url: '/api/me/visits/v1/message', json: aLobby({ messages: [{ text: 'Running about 10 minutes late', at: '2031-03-10T10:05:00.000Z', from: 'Dev Clinician', participant: null }] }) },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Message Ada Lovelace' }));
    const dialog = await screen.findByRole('dialog', { name: 'Message Ada Lovelace' });
    expect(within(dialog).getByRole('button', { name: "I'll be with you shortly" })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Running about 10 minutes late' }));
    expect(within(dialog).getByRole('textbox', { name: /Message/ })).toHaveValue('Running about 10 minutes late');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(posts(api)).toEqual([expect.objectContaining({ url: '/api/me/visits/v1/message', body: { text: 'Running about 10 minutes late' } })]);
    await waitFor(() => expect(api.requests.filter((request) => request.url === list)).toHaveLength(2));
  });

  it("shows the conversation with the waiting room, both directions, oldest first", async () => {
    const messages = [
      { text: 'running 5 minutes late', at: '2031-03-10T10:01:00.000Z', from: 'Ada L.', participant: 'patient' },
      { text: 'No problem', at: '2031-03-10T10:02:00.000Z', from: 'Dev Clinician', participant: null },
    ];
    await renderPage([
      { method: 'GET', url: list, json: { visits: [waiting] } },
      { method: 'GET', url: lobbyUrl, json: aLobby({ messages }) },
    ]);

    const conversation = await screen.findByRole('list', { name: 'Messages with Ada Lovelace' });
    expect(within(conversation).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Ada L. (10:01): running 5 minutes late',
      'Dev Clinician (10:02): No problem',
    ]);
  });

  it('marks a no-show, only after asking, for a patient who never checked in once the visit has started (no lobby to read)', async () => {
    const scheduled = aVisit('v1', { status: 'scheduled' });
    const later = aVisit('v2', { status: 'scheduled', patient: { id: null, name: 'Grace Hopper', mrn: null, birthDate: null }, start: '2031-03-10T11:00:00.000Z', end: '2031-03-10T11:30:00.000Z' });
    const api = await renderPage([
      { method: 'GET', url: list, json: { visits: [scheduled, later] }, once: true },
      { method: 'GET', url: list, json: { visits: [{ ...scheduled, status: 'no_show', updatedAt: '2031-03-10T10:07:00.000Z' }, later] } },
      { method: 'GET', url: lobbyUrl, json: aLobby({ status: 'no_show', checkedInAt: null, deviceCheck: null }) },
      { method: 'POST', url: '/api/me/visits/v1/no-show', json: aLobby({ status: 'no_show', checkedInAt: null, deviceCheck: null }) },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Mark no-show for Ada Lovelace' }));
    expect(api.requests.filter((request) => request.url === lobbyUrl)).toEqual([]);
    // Grace Hopper's visit has not started yet.
    expect(screen.queryByRole('button', { name: 'Mark no-show for Grace Hopper' })).not.toBeInTheDocument();
    const dialog = await screen.findByRole('alertdialog', { name: 'Mark Ada Lovelace as a no-show?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep waiting' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(posts(api)).toEqual([]);

    // Fluent lifts the aria-hidden it put on the page on its own timer, after the dialog has gone.
    fireEvent.click(await screen.findByRole('button', { name: 'Mark no-show for Ada Lovelace' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Mark no-show' }));

    await waitFor(() => expect(row()).toHaveTextContent('No-show'));
    expect(within(row()).queryByRole('button', { name: /no-show/ })).not.toBeInTheDocument();
    expect(posts(api).map((request) => request.url)).toEqual(['/api/me/visits/v1/no-show']);
  });

  it('offers End visit, not no-show, once the patient checked in; ends the visit only after asking', async () => {
    const api = await renderPage([
      { method: 'GET', url: list, json: { visits: [aVisit('v1', { status: 'in_visit' })] }, once: true },
      { method: 'GET', url: list, json: { visits: [aVisit('v1', { status: 'completed', endedAt: '2031-03-10T10:29:00.000Z', updatedAt: '2031-03-10T10:29:00.000Z' })] } },
      { method: 'GET', url: lobbyUrl, json: admitted },
      { method: 'POST', url: '/api/me/visits/v1/end', json: { ...admitted, status: 'completed' } },
    ]);

    const end = await screen.findByRole('button', { name: 'End visit with Ada Lovelace' });
    expect(within(row()).queryByRole('button', { name: /no-show/ })).not.toBeInTheDocument();
    fireEvent.click(end);
    const dialog = await screen.findByRole('alertdialog', { name: 'End the visit with Ada Lovelace?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep the visit open' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(posts(api)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'End visit with Ada Lovelace' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'End visit' }));

    await waitFor(() => expect(row()).toHaveTextContent('Completed'));
    expect(within(row()).queryByRole('button', { name: /End visit/ })).not.toBeInTheDocument();
    expect(posts(api).map((request) => request.url)).toEqual(['/api/me/visits/v1/end']);
  });

  it('shows the patient’s rating and comment on a completed visit', async () => {
    const completed = aVisit('v1', { status: 'completed', endedAt: '2031-03-10T10:29:00.000Z' });
    await renderPage([
      { method: 'GET', url: list, json: { visits: [completed] } },
      {
        method: 'GET',
        url: lobbyUrl,
        json: { ...admitted, status: 'completed', feedback: [{ participant: 'patient', rating: 4, comment: 'Very clear, thank you', at: '2031-03-10T10:31:00.000Z' }] },
      },
    ]);

    expect(await screen.findByText("Rated 4/5 · 'Very clear, thank you'")).toBeInTheDocument();
    expect(row()).toHaveTextContent("Rated 4/5 · 'Very clear, thank you'");
    expect(within(row()).queryByRole('button', { name: /End visit/ })).not.toBeInTheDocument();
  });

  it('shows a refused action on the visit’s row', async () => {
    await renderPage([
      { method: 'GET', url: list, json: { visits: [waiting] } },
      { method: 'GET', url: lobbyUrl, json: aLobby() },
      { method: 'POST', url: '/api/me/visits/v1/admit', status: 403, json: { error: { code: 'forbidden', message: 'Only the visit’s clinicians can admit the patient.' } } },
    ]);

    fireEvent.click(await screen.findByRole('button', { name: 'Admit Ada Lovelace' }));

    expect(await within(row()).findByText('Only the visit’s clinicians can admit the patient.')).toBeInTheDocument();
    expect(within(row()).getByRole('button', { name: 'Admit Ada Lovelace' })).toBeEnabled();
  });

  it('shows everyone waiting for a visit with guests, and admits everyone or one person', async () => {
    const guestId = 'guest:11111111-1111-4111-8111-111111111111';
    const person = (participant: string, name: string, extra: Record<string, unknown>) => ({ participant, name, relationship: null, language: null, checkedInAt: '2031-03-10T10:02:00.000Z', deviceCheck: allOk, admittedAt: null, ...extra });
    const withGuests = aLobby({
      waiting: 'Ada L. and 1 guest waiting',
      people: [person('patient', 'Ada Lovelace', {}), person(guestId, 'Luis Ortega', { relationship: 'interpreter', language: 'Spanish', checkedInAt: '2031-03-10T10:01:00.000Z' })],
    });
    const api = await renderPage([
      { method: 'GET', url: list, json: { visits: [waiting] } },
      { method: 'GET', url: lobbyUrl, json: withGuests },
      { method: 'POST', url: '/api/me/visits/v1/admit', json: admitted },
    ]);

    expect(await within(await screen.findByRole('listitem', { name: /Ada Lovelace/ })).findByText('Ada L. and 1 guest waiting')).toBeInTheDocument();
    expect(row()).toHaveTextContent('Luis Ortega (interpreter, Spanish) · waiting · Devices OK');
    // The wait counts from whoever arrived first.
    expect(within(row()).getByRole('timer')).toHaveTextContent('Waiting · 4 min');
    expect(within(row()).getByRole('button', { name: 'Admit Luis Ortega' })).toBeInTheDocument();
    fireEvent.click(within(row()).getByRole('button', { name: 'Admit everyone waiting for the visit with Ada Lovelace' }));

    await waitFor(() => expect(posts(api)).toEqual([expect.objectContaining({ url: '/api/me/visits/v1/admit', body: { who: 'everyone' } })]));
  });

  it('puts the device check in words', () => {
    expect(deviceWords(allOk)).toBe('Devices OK');
    expect(deviceWords({ ...allOk, speaker: 'failed' })).toBe('Speaker not working');
    expect(deviceWords(null)).toBe('Devices not checked');
  });
});
