import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { LobbyView } from '../../../bot/src/contracts/lobby-api';
import { LobbyApp } from './lobby-app';
import type { LobbyEnv } from './lobby-app';
import { createLobbyClient } from './lobby-client';
import { FAKE_NOW, FakeAudioContext, FakeLobbyServer, TOKEN, fakeMedia } from './testing/lobby-fakes';

function renderLobby(view: Partial<LobbyView>, setup: (server: FakeLobbyServer) => void = () => undefined) {
  const server = new FakeLobbyServer(view);
  setup(server);
  const navigate = jest.fn<undefined, [string]>();
  const env: LobbyEnv = {
    client: createLobbyClient(TOKEN, server.fetch),
    openEvents: server.openEvents,
    device: {
      media: fakeMedia(),
      createAudioContext: () => new FakeAudioContext(),
      features: { secureContext: true, getUserMedia: true, peerConnection: true, eventSource: true },
      userAgent: 'Mozilla/5.0 (test)',
    },
    navigate,
    clock: { now: () => FAKE_NOW, timeZone: 'Europe/London', locale: 'en-GB' },
    random: () => 0.5,
  };
  render(<LobbyApp env={env} />);
  return { server, navigate };
}

const heading = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name });

async function checkInFromDeviceCheck() {
  await heading('Check your camera, microphone and sound');
  fireEvent.click(screen.getByRole('button', { name: 'Check in anyway' }));
  await heading('You are in the waiting room');
}

afterEach(() => {
  jest.useRealTimers();
});

describe('the patient’s lobby page', () => {
  it('shows when and with whom, checks identity, then the devices, checks in and waits', async () => {
    const { server } = renderLobby({ phase: 'identify', clinicians: ['Dr Lee', 'Dr Okafor'] });

    await heading('Confirm who the visit is for');
    // 15:00 UTC is 15:00 in London in March (GMT), in the browser's own zone.
    expect(screen.getByText('When').nextElementSibling?.textContent).toBe('Tuesday 11 March at 15:00 GMT (30 minutes)');
    expect(screen.getByText('Dr Lee and Dr Okafor')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('First name'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('Year of birth'), { target: { value: '1968' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await heading('Check your camera, microphone and sound')).toHaveFocus();
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: 'Internet connection' })).getByRole('status')).toHaveTextContent('Working'));
    fireEvent.click(screen.getByRole('button', { name: 'Check in anyway' }));

    expect(await heading('You are in the waiting room')).toHaveFocus();
    expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET ',
      'POST /identify',
      'GET ',
      ...Array<string>(4).fill('GET /ping'),
      'POST /device-check',
      'POST /check-in',
    ]);
    expect(server.calls.find((call) => call.path === '/device-check')?.body).toEqual({
      camera: 'skipped',
      microphone: 'skipped',
      speaker: 'skipped',
      browser: 'ok',
      connection: 'ok',
      rttMs: expect.any(Number),
      userAgent: 'Mozilla/5.0 (test)',
    });
    expect(server.sources.map((source) => source.url)).toEqual([`/api/lobby/${TOKEN}/events`]);
    expect(document.title).toBe('You are in the waiting room · Video visit');
  });

  it("asks a guest for their own first name and the code from their message, then lets them check in", async () => {
    const { server } = renderLobby({ phase: 'identify', identity: { firstName: true, birthYear: false, code: true }, guest: { name: 'Luis Ortega' } });
    await heading('Confirm who you are');
    expect(screen.getByText(/Welcome, Luis Ortega\. .*6-digit code/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Year of birth')).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('First name'), { target: { value: 'Luis' } });
    fireEvent.change(screen.getByLabelText('Code from your message'), { target: { value: '4242' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByLabelText('Code from your message')).toHaveAccessibleDescription('Enter the 6-digit code from your message.');
    expect(server.calls.filter((call) => call.path === '/identify')).toEqual([]);

    fireEvent.change(screen.getByLabelText('Code from your message'), { target: { value: '424 242' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await checkInFromDeviceCheck();
    expect(server.calls.find((call) => call.path === '/identify')?.body).toEqual({ firstName: 'Luis', code: '424242' });
  });

  it('checks the answers before sending them, and shows the clinic’s gentle message when they do not match', async () => {
    const { server } = renderLobby({ phase: 'identify' });
    await heading('Confirm who the visit is for');

    fireEvent.change(screen.getByLabelText('Year of birth'), { target: { value: '68' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('Enter the first name.');
    expect(screen.getByLabelText('First name')).toHaveFocus();
    expect(screen.getByLabelText('Year of birth')).toHaveAccessibleDescription('4 digits, for example 1968 Enter the year of birth as 4 digits, for example 1968.');
    expect(server.calls.filter((call) => call.path === '/identify')).toEqual([]);

    fireEvent.change(screen.getByLabelText('First name'), { target: { value: 'Bob' } });
    fireEvent.change(screen.getByLabelText('Year of birth'), { target: { value: '1968' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Those details do not match what the clinic has for this visit. Check the spelling, or call the clinic.');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Confirm who the visit is for');
  });

  it('asks who it is again when the server does not know this browser (the link opened on another device)', async () => {
    const { server } = renderLobby({ phase: 'device_check' });
    await checkInFromDeviceCheckExpecting('Confirm who the visit is for');
    expect(screen.getByText('Please confirm who you are first.')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('First name'), { target: { value: 'Ada' } });
    fireEvent.change(screen.getByLabelText('Year of birth'), { target: { value: '1968' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await checkInFromDeviceCheck();
    expect(server.calls.filter((call) => call.path === '/check-in').map((call) => call.headers['x-lobby-ticket'] ?? null)).toEqual(['ticket-123']);
  });

  it('in the waiting room, says live that the clinician was told and shows their messages', async () => {
    const { server } = renderLobby({ phase: 'waiting', checkedInAt: new Date(FAKE_NOW - 4 * 60_000).toISOString() });
    await heading('You are in the waiting room');
    const status = screen.getAllByRole('status')[0]!;
    expect(status).toHaveTextContent('We are letting Dr Lee know you are here.');
    expect(screen.getByRole('timer')).toHaveTextContent('4 minutes');

    const source = server.sources[0]!;
    act(() => source.open());
    expect(screen.getByText('Connected: this page updates by itself.')).toBeInTheDocument();
    act(() => server.change({ clinicianNotified: true }));
    expect(status).toHaveTextContent('Dr Lee has been told you are here.');

    act(() => server.change({ messages: [{ text: 'Running about 10 minutes late', at: '2031-03-11T14:52:00.000Z', from: 'Dr Lee', participant: null }] }));
    const log = screen.getByRole('log', { name: 'Messages with the clinic' });
    expect(within(log).getByRole('listitem')).toHaveTextContent('Running about 10 minutes lateDr Lee, 14:52');
  });

  it('sends the clinic a message from the waiting room, says what happened in words, and shows the answer as it arrives', async () => {
    const { server } = renderLobby({ phase: 'waiting', checkedInAt: new Date(FAKE_NOW).toISOString() });
    await heading('You are in the waiting room');
    act(() => server.sources[0]!.open());
    const field = screen.getByLabelText('Message the clinic');

    fireEvent.change(field, { target: { value: '  running 5 minutes late ' } });
    expect(field).toHaveAccessibleDescription(/22 of 300 characters/);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Sent. The clinic can see your message.')).toHaveAttribute('role', 'status');
    expect(field).toHaveValue('');
    expect(server.calls.filter((call) => call.path === '/message').map((call) => call.body)).toEqual([{ text: 'running 5 minutes late' }]);

    act(() => server.change({ messages: [...server.view.messages, { text: 'No problem, see you soon', at: '2031-03-11T14:51:00.000Z', from: 'Dr Lee', participant: null }] }));
    const log = screen.getByRole('log', { name: 'Messages with the clinic' });
    expect(within(log).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['running 5 minutes lateYou, 14:50', 'No problem, see you soonDr Lee, 14:51']);
  });

  it('keeps a message that was not sent and says why; refuses an empty or too long one before sending', async () => {
    const { server } = renderLobby({ phase: 'waiting', checkedInAt: new Date(FAKE_NOW).toISOString() });
    await heading('You are in the waiting room');
    const field = screen.getByLabelText('Message the clinic');

    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Not sent: Write a message first.')).toHaveAttribute('role', 'status');
    fireEvent.change(field, { target: { value: 'x'.repeat(301) } });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Not sent: Your message is too long: keep it to 300 characters.')).toBeInTheDocument();
    expect(server.calls.filter((call) => call.path === '/message')).toEqual([]);

    fireEvent.change(field, { target: { value: 'my camera does not work' } });
    const limited = 'You have sent several messages in a short time. Please wait a few minutes, or call the clinic.';
    server.overrides.set('/message', { ok: false, status: 429, text: () => Promise.resolve(JSON.stringify({ error: { code: 'rate_limited', message: limited } })) });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(`Not sent: ${limited}`)).toBeInTheDocument();
    expect(field).toHaveValue('my camera does not work');
  });

  it('goes straight into the visit once admitted, and stops listening', async () => {
    const { server, navigate } = renderLobby({ phase: 'waiting', checkedInAt: new Date(FAKE_NOW).toISOString() });
    await heading('You are in the waiting room');
    act(() => server.sources[0]!.open());

    act(() => server.change({ phase: 'admitted', joinUrl: 'https://rounds.example/rooms/r1?t=abc' }));

    expect(navigate).toHaveBeenCalledWith('https://rounds.example/rooms/r1?t=abc');
    expect(await heading('Your clinician is ready')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'open your visit here' })).toHaveAttribute('href', 'https://rounds.example/rooms/r1?t=abc');
    expect(server.openSources).toEqual([]);
  });

  it('keeps the place through a dropped connection and catches an admission made meanwhile', async () => {
    jest.useFakeTimers();
    const { server, navigate } = renderLobby({ phase: 'waiting', checkedInAt: new Date(FAKE_NOW).toISOString() });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    act(() => server.sources[0]!.open());

    server.offline = true;
    act(() => server.sources[0]!.drop());
    expect(screen.getByText('Connection lost. Reconnecting… You keep your place.')).toBeInTheDocument();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('You are in the waiting room');

    server.offline = false;
    server.view = { ...server.view, phase: 'admitted', joinUrl: 'https://rounds.example/rooms/r1' };
    await act(async () => {
      await jest.advanceTimersByTimeAsync(2000);
    });
    expect(navigate).toHaveBeenCalledWith('https://rounds.example/rooms/r1');
  });

  it('shows a friendly page with nothing about any visit for an unknown, expired or revoked link', async () => {
    renderLobby({ phase: 'identify', clinicians: ['Dr Lee'] }, (server) => {
      server.valid = false;
    });

    await heading('This link is not valid any more');
    expect(screen.getByText('Your visit may have been moved or cancelled. Please use the newest message you received, or call the clinic.')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/Dr Lee|March|15:00/);
  });

  it('before the waiting room opens, says when it does and lets the patient in then', async () => {
    jest.useFakeTimers();
    const opensAt = new Date(FAKE_NOW + 5 * 60_000).toISOString();
    const { server } = renderLobby({ phase: 'too_early', opensAt });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Your video visit');
    expect(screen.getByText(/The waiting room opens on/)).toHaveTextContent('The waiting room opens on Tuesday 11 March at 14:55 GMT.');

    server.view = { ...server.view, phase: 'identify' };
    await act(async () => {
      await jest.advanceTimersByTimeAsync(5 * 60_000 + 1000);
    });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Confirm who the visit is for');
  });

  it('says when the visit is over', async () => {
    renderLobby({ phase: 'ended' });
    await heading('This visit is over');
    expect(screen.getByText(/please call the clinic/)).toBeInTheDocument();
    // A no-show (or a visit not completed) is not asked for a rating.
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send feedback' })).not.toBeInTheDocument();
  });

  it('asks for a rating in words after the visit, sends it with the comment, then thanks the patient', async () => {
    const { server } = renderLobby({ phase: 'ended', feedback: { rating: null } });
    await heading('This visit is over');

    const group = screen.getByRole('group', { name: 'How was your video visit?' });
    expect(within(group).getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual([
      '1 – Very poor',
      '2 – Poor',
      '3 – Fair',
      '4 – Good',
      '5 – Very good',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a rating from 1 to 5.');
    expect(server.calls.filter((call) => call.path === '/feedback')).toEqual([]);

    fireEvent.click(screen.getByRole('radio', { name: '4 – Good' }));
    const comment = screen.getByLabelText('Anything you would like to tell the clinic (optional)');
    expect(comment).toHaveAttribute('maxLength', '500');
    fireEvent.change(comment, { target: { value: ' Very clear, thank you ' } });
    expect(screen.getByText('477 characters left')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Thank you for your feedback. You rated this visit 4 out of 5 (Good).');
    expect(server.calls.filter((call) => call.path === '/feedback').map((call) => call.body)).toEqual([{ rating: 4, comment: 'Very clear, thank you' }]);
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('thanks a patient who already rated the visit instead of asking again', async () => {
    renderLobby({ phase: 'ended', feedback: { rating: 5 } });
    await heading('This visit is over');
    expect(screen.getByRole('status')).toHaveTextContent('You rated this visit 5 out of 5 (Very good).');
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('says a refused answer in the server’s words, and keeps the choice', async () => {
    const { server } = renderLobby({ phase: 'ended', feedback: { rating: null } });
    await heading('This visit is over');
    server.overrides.set('/feedback', {
      ok: false,
      status: 409,
      text: () => Promise.resolve(JSON.stringify({ error: { code: 'conflict', message: 'You have already rated this visit. Thank you.' } })),
    });

    fireEvent.click(screen.getByRole('radio', { name: '2 – Poor' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('You have already rated this visit. Thank you.');
    expect(screen.getByRole('radio', { name: '2 – Poor' })).toBeChecked();
  });

  it('says when the clinic cannot be reached, and keeps trying by itself', async () => {
    jest.useFakeTimers();
    const { server } = renderLobby({ phase: 'identify' }, (fake) => {
      fake.offline = true;
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('We cannot reach the clinic right now');
    expect(screen.getByRole('alert')).toHaveTextContent(/internet/);

    server.offline = false;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Confirm who the visit is for');
  });
});

async function checkInFromDeviceCheckExpecting(next: string) {
  await heading('Check your camera, microphone and sound');
  fireEvent.click(screen.getByRole('button', { name: 'Check in anyway' }));
  await heading(next);
}
