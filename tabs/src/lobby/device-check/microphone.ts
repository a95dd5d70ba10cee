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

/**
 * The loudness of one buffer of time-domain samples (bytes centred on 128), as 0 to 100. The root
 * mean square is scaled so quiet speech (about 0.03 of full scale) shows as about 12: the bar moves.
 */
export function levelOf(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) {
    const centred = (sample - 128) / 128;
    sum += centred * centred;
  }
  const rms = Math.sqrt(sum / samples.length);
  return Math.min(100, Math.round(rms * 400));
}

export async function startMicrophone(media: MediaDevicesLike | undefined, createAudioContext: CreateAudioContext | undefined): Promise<MicStart> {
  if (!media || !createAudioContext) return { ok: false, outcome: explainMediaError(UNSUPPORTED, 'microphone') };
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
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
  analyser.fftSize = 1024;
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
