import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DeviceCheckResult } from '../../../../bot/src/contracts/lobby-api';
import { FakeAudioContext, domError, fakeMedia } from '../testing/lobby-fakes';
import type { BrowserFeatures } from './browser-support';
import { DeviceCheck, METER_INTERVAL_MS, SILENCE_MS } from './device-check';
import type { DeviceCheckDeps } from './device-check';

const allFeatures: BrowserFeatures = { secureContext: true, getUserMedia: true, peerConnection: true, eventSource: true };

function renderCheck(overrides: Partial<DeviceCheckDeps> = {}) {
  const media = fakeMedia();
  const done: DeviceCheckResult[] = [];
  const deps: DeviceCheckDeps = {
    media,
    createAudioContext: () => new FakeAudioContext(),
    features: allFeatures,
    ping: () => Promise.resolve(),
    userAgent: 'Mozilla/5.0 (test)',
    ...overrides,
  };
  const view = render(<DeviceCheck deps={deps} onDone={(result) => done.push(result)} busy={false} />);
  return { media: (overrides.media ?? media) as ReturnType<typeof fakeMedia>, done, ...view };
}

const item = (name: string) => screen.getByRole('listitem', { name });
const statusOf = (name: string) => within(item(name)).getByRole('status').textContent;

beforeEach(() => {
  FakeAudioContext.amplitude = 0;
  FakeAudioContext.instances = [];
});

afterEach(() => {
  jest.useRealTimers();
});

describe('device check', () => {
  it('checks the browser and the connection at once, and camera and microphone on request', async () => {
    renderCheck();

    await waitFor(() => expect(statusOf('Internet connection')).toBe('Internet connection: Working'));
    expect(statusOf('Browser')).toBe('Browser: Working');
    expect(statusOf('Camera')).toBe('Camera: Not tested yet');
    expect(screen.getByRole('button', { name: 'Check in anyway' })).toBeEnabled();
    expect(screen.getByText(/Not tested yet: camera, microphone, sound/)).toBeInTheDocument();
  });

  it('shows the camera preview and a microphone meter that moves, and passes both when it hears something', async () => {
    jest.useFakeTimers();
    const { media } = renderCheck();
    fireEvent.click(screen.getByRole('button', { name: 'Test my camera and microphone' }));

    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(statusOf('Camera')).toBe('Camera: Working');
    const preview = screen.getByLabelText<HTMLVideoElement>('Your camera preview');
    expect(preview.tagName).toBe('VIDEO');
    expect(preview.srcObject).toBe(media.streams[0]);
    expect(media.requests.map((request) => [Boolean(request.video), Boolean(request.audio)])).toEqual([
      [true, false],
      [false, true],
    ]);

    const meter = screen.getByRole('meter', { name: 'Microphone level' });
    expect(statusOf('Microphone')).toBe('Microphone: Checking…');
    FakeAudioContext.amplitude = 16 / 127;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(METER_INTERVAL_MS);
    });
    expect(meter).toHaveAttribute('aria-valuenow', '50');
    expect(meter).toHaveAttribute('aria-valuetext', '50 of 100, loud');
    expect(statusOf('Microphone')).toBe('Microphone: Working');
  });

  it('says it cannot hear anything after a long silence, and recovers when it does', async () => {
    jest.useFakeTimers();
    renderCheck();
    fireEvent.click(screen.getByRole('button', { name: 'Test my camera and microphone' }));
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(SILENCE_MS + METER_INTERVAL_MS);
    });

    expect(statusOf('Microphone')).toBe('Microphone: Problem');
    expect(within(item('Microphone')).getByText(/not muted/)).toBeInTheDocument();

    FakeAudioContext.amplitude = 0.5;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(METER_INTERVAL_MS);
    });
    expect(statusOf('Microphone')).toBe('Microphone: Working');
  });

  it('explains a blocked camera, keeps the microphone test going, and tries again on request', async () => {
    const media = fakeMedia({ camera: domError('NotAllowedError') });
    renderCheck({ media });
    fireEvent.click(screen.getByRole('button', { name: 'Test my camera and microphone' }));

    await waitFor(() => expect(statusOf('Camera')).toBe('Camera: Problem'));
    expect(within(item('Camera')).getByText(/Allow camera access in your browser settings/)).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeInTheDocument();
    expect(screen.getByText('Your clinician will not see you, but you can still talk.')).toBeInTheDocument();

    fireEvent.click(within(item('Camera')).getByRole('button', { name: 'Try again (camera)' }));
    await waitFor(() => expect(media.requests).toHaveLength(3));
  });

  it('plays the test sound and asks whether it was heard', async () => {
    renderCheck();
    fireEvent.click(screen.getByRole('button', { name: 'Play test sound' }));
    const question = await screen.findByRole('group', { name: 'Did you hear three beeps?' });
    expect(FakeAudioContext.instances[0]?.oscillator?.started).not.toBeNull();

    fireEvent.click(within(question).getByRole('button', { name: 'No' }));
    expect(statusOf('Sound')).toBe('Sound: Problem');
    expect(within(item('Sound')).getByText(/Turn up your volume/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Play test sound again' }));
    fireEvent.click(within(await screen.findByRole('group', { name: 'Did you hear three beeps?' })).getByRole('button', { name: 'Yes, I heard them' }));
    expect(statusOf('Sound')).toBe('Sound: Working');
  });

  it('checks in with what it found: untested items as skipped, failed ones as failed', async () => {
    const { done } = renderCheck({ features: { ...allFeatures, peerConnection: false }, ping: () => Promise.reject(new TypeError('offline')) });
    await waitFor(() => expect(statusOf('Internet connection')).toBe('Internet connection: Problem'));
    expect(screen.getByText('The video may not start in this browser. Your clinician can phone you instead.')).toBeInTheDocument();
    expect(screen.getByText('The video may freeze or drop. Your clinician can phone you if it does.')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Check in anyway' }));
    expect(done).toEqual([{ camera: 'skipped', microphone: 'skipped', speaker: 'skipped', browser: 'failed', connection: 'failed', rttMs: null, userAgent: 'Mozilla/5.0 (test)' }]);
  });

  it('offers a plain "Check in" when everything works, and turns camera and microphone off when it goes', async () => {
    jest.useFakeTimers();
    const { media, done, unmount } = renderCheck();
    fireEvent.click(screen.getByRole('button', { name: 'Test my camera and microphone' }));
    FakeAudioContext.amplitude = 0.5;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(METER_INTERVAL_MS * 2);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Play test sound' }));
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Yes, I heard them' }));

    expect(screen.getByText('Everything works. Check in to tell the clinic you are here.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Check in' }));
    expect(done[0]).toMatchObject({ camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: expect.any(Number) });

    unmount();
    expect(media.streams.flatMap((stream) => stream.tracks).every((track) => track.stopped)).toBe(true);
    expect(FakeAudioContext.instances.every((context) => context.closed)).toBe(true);
  });
});
