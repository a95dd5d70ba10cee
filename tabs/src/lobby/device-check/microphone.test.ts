import { FakeAudioContext, domError, fakeMedia } from '../testing/lobby-fakes';
import { HEARD_LEVEL, levelOf, startMicrophone } from './microphone';

/** A square wave swinging `swing` steps either side of the middle (128): its RMS is swing / 128. */
const samples = (swing: number) => Uint8Array.from({ length: 512 }, (_, i) => 128 + (i % 2 === 0 ? swing : -swing));

describe('microphone level', () => {
  it('is 0 for silence, moves for quiet speech and tops out at 100', () => {
    expect(levelOf(new Uint8Array(0))).toBe(0);
    expect(levelOf(samples(0))).toBe(0);
    expect(levelOf(samples(1))).toBeLessThan(HEARD_LEVEL);
    expect(levelOf(samples(4))).toBeGreaterThanOrEqual(HEARD_LEVEL);
    expect(levelOf(samples(16))).toBe(50);
    expect(levelOf(samples(127))).toBe(100);
  });

  it('hears a short sound in a long quiet buffer (the loudest few milliseconds count)', () => {
    const buffer = new Uint8Array(4096).fill(128);
    buffer.set(samples(16).subarray(0, 256), 2048);
    expect(levelOf(buffer)).toBe(50);
  });

  it('meters the microphone through an analyser, and stops everything when done', async () => {
    FakeAudioContext.instances = [];
    const media = fakeMedia();
    const started = await startMicrophone(media, () => new FakeAudioContext());
    if (!started.ok) throw new Error('expected the microphone to start');

    expect(media.requests).toEqual([{ audio: { noiseSuppression: false }, video: false }]);
    FakeAudioContext.amplitude = 0;
    expect(started.meter.level()).toBe(0);
    FakeAudioContext.amplitude = 16 / 127;
    expect(started.meter.level()).toBe(50);

    started.meter.stop();
    expect(media.streams[0]?.tracks[0]?.stopped).toBe(true);
    expect(FakeAudioContext.instances[0]?.closed).toBe(true);
    expect(started.meter.level()).toBe(0);
  });

  it('says what to do when the microphone is blocked, busy or missing', async () => {
    const blocked = await startMicrophone(fakeMedia({ microphone: domError('NotAllowedError') }), () => new FakeAudioContext());
    expect(blocked).toMatchObject({ ok: false, outcome: { fix: expect.stringMatching(/^Allow microphone access/) } });
    const noWebAudio = await startMicrophone(fakeMedia(), undefined);
    expect(noWebAudio).toMatchObject({ ok: false, outcome: { problem: 'This browser cannot use the microphone on this page.' } });
  });

  it('releases the microphone when WebAudio cannot start', async () => {
    const media = fakeMedia();
    const started = await startMicrophone(media, () => {
      throw new Error('too many AudioContexts');
    });
    expect(started.ok).toBe(false);
    expect(media.streams[0]?.tracks[0]?.stopped).toBe(true);
  });
});
