import { FakeAudioContext } from '../testing/lobby-fakes';
import { BEEPS, TONE_SECONDS, playTestTone } from './speaker';

describe('speaker test tone', () => {
  it('plays three beeps through an oscillator, faded in and out, then closes the context', async () => {
    FakeAudioContext.instances = [];
    await playTestTone(() => new FakeAudioContext());
    const context = FakeAudioContext.instances[0]!;

    expect(context.oscillator).toMatchObject({ frequency: 880, started: 0.05, stopped: 0.05 + TONE_SECONDS });
    const peaks = context.scheduled.filter((step) => step.kind === 'ramp' && step.value > 0);
    const silences = context.scheduled.filter((step) => step.kind === 'ramp' && step.value === 0);
    expect(peaks).toHaveLength(BEEPS);
    expect(silences).toHaveLength(BEEPS);
    expect(Math.max(...context.scheduled.map((step) => step.at))).toBeCloseTo(0.05 + TONE_SECONDS);
    expect(context.closed).toBe(true);
  });

  it('leaves no timer behind once the tone has ended', async () => {
    // The fake context ends its oscillator in a microtask, which stays real.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    try {
      await playTestTone(() => new FakeAudioContext());
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('resumes a context the browser started suspended', async () => {
    FakeAudioContext.instances = [];
    await playTestTone(() => {
      const context = new FakeAudioContext();
      context.state = 'suspended';
      return context;
    });
    expect(FakeAudioContext.instances[0]?.state).toBe('closed');
  });
});
