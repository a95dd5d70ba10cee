/**
 * The microphone level meter: the microphone into a WebAudio AnalyserNode (not to the speakers, so
 * no echo), read as a level from 0 to 100. The caller polls `level()` a few times a second.
 */
import type { CheckOutcome } from './check-outcome';
import type { MediaDevicesLike } from './camera';
import { stopStream } from './camera';
import { UNSUPPORTED, explainMediaError } from './media-errors';

/** The part of AudioContext the microphone meter and the speaker tone use. */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly destination: AudioNode;
  readonly state: string;
  resume(): Promise<void>;
  close(): Promise<void>;
  createMediaStreamSource(stream: MediaStream): { connect(node: AnalyserNode): unknown; disconnect(): void };
  createAnalyser(): AnalyserNode;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
}
export type CreateAudioContext = () => AudioContextLike;

/** A level at or above this means we heard something (speech near the phone, or a tap). */
export const HEARD_LEVEL = 10;

export interface MicMeter {
  /** The current level, 0 (silence) to 100 (loud). */
  level(): number;
  stop(): void;
}

export type MicStart = { ok: true; meter: MicMeter } | { ok: false; outcome: Extract<CheckOutcome, { status: 'failed' }> };

/** Samples per block in `levelOf`: about 5 ms at 48 kHz, so a short sound is not averaged away. */
const BLOCK = 256;

/**
 * The loudness of the latest time-domain samples (bytes centred on 128), as 0 to 100: the loudest
 * short block's root mean square, scaled so quiet speech (about 0.03 of full scale) shows as
 * about 12 and the bar moves.
 */
export function levelOf(samples: Uint8Array): number {
  let loudest = 0;
  for (let start = 0; start < samples.length; start += BLOCK) {
    const end = Math.min(samples.length, start + BLOCK);
    let sum = 0;
    for (let index = start; index < end; index++) {
      const centred = ((samples[index] ?? 128) - 128) / 128;
      sum += centred * centred;
    }
    loudest = Math.max(loudest, Math.sqrt(sum / (end - start)));
  }
  return Math.min(100, Math.round(loudest * 400));
}

export async function startMicrophone(media: MediaDevicesLike | undefined, createAudioContext: CreateAudioContext | undefined): Promise<MicStart> {
  if (!media || !createAudioContext) return { ok: false, outcome: explainMediaError(UNSUPPORTED, 'microphone') };
  let stream: MediaStream;
  try {
    // No noise suppression: the meter shows what the microphone hears (it would cut a steady hum or tone).
    stream = await media.getUserMedia({ audio: { noiseSuppression: false }, video: false });
  } catch (error) {
    return { ok: false, outcome: explainMediaError(error, 'microphone') };
  }
  let context: AudioContextLike;
  try {
    context = createAudioContext();
  } catch {
    stopStream(stream);
    return { ok: false, outcome: explainMediaError(UNSUPPORTED, 'microphone') };
  }
  // Created in the click's handler it runs; resume anyway for browsers that start it suspended.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  // About 85 ms at 48 kHz: read every 100 ms, the meter misses little of what was said.
  analyser.fftSize = 4096;
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  let stopped = false;
  return {
    ok: true,
    meter: {
      level() {
        if (stopped) return 0;
        analyser.getByteTimeDomainData(samples);
        return levelOf(samples);
      },
      stop() {
        if (stopped) return;
        stopped = true;
        source.disconnect();
        stopStream(stream);
        void context.close().catch(() => undefined);
      },
    },
  };
}
