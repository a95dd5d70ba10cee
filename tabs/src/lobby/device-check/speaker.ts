/** The speaker test: three short beeps from an OscillatorNode, then the patient says whether they heard them. */
import type { AudioContextLike, CreateAudioContext } from './microphone';

export const BEEPS = 3;
const BEEP_SECONDS = 0.35;
const GAP_SECONDS = 0.2;
export const TONE_SECONDS = BEEPS * BEEP_SECONDS + (BEEPS - 1) * GAP_SECONDS;

/**
 * Plays the beeps (880 Hz, clear on phone speakers) and resolves when they are over. Each beep
 * fades in and out over 20 ms, so it does not click.
 */
export async function playTestTone(createAudioContext: CreateAudioContext): Promise<void> {
  const context: AudioContextLike = createAudioContext();
  try {
    if (context.state === 'suspended') await context.resume();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    const start = context.currentTime + 0.05;
    gain.gain.setValueAtTime(0, start);
    for (let beep = 0; beep < BEEPS; beep++) {
      const on = start + beep * (BEEP_SECONDS + GAP_SECONDS);
      gain.gain.setValueAtTime(0, on);
      gain.gain.linearRampToValueAtTime(0.4, on + 0.02);
      gain.gain.setValueAtTime(0.4, on + BEEP_SECONDS - 0.02);
      gain.gain.linearRampToValueAtTime(0, on + BEEP_SECONDS);
    }
    oscillator.connect(gain);
    gain.connect(context.destination);
    const ended = new Promise<void>((resolve) => {
      oscillator.onended = () => resolve();
    });
    oscillator.start(start);
    oscillator.stop(start + TONE_SECONDS);
    // `ended` never fires in a context that cannot run (no audio output): give up after the tone's time.
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      giveUp = setTimeout(resolve, (TONE_SECONDS + 1) * 1000);
    });
    await Promise.race([ended, gaveUp]).finally(() => clearTimeout(giveUp));
  } finally {
    await context.close().catch(() => undefined);
  }
}
