/** Starts the camera for the preview; the caller shows the stream in a <video> and stops it when done. */
import type { CheckOutcome } from './check-outcome';
import { UNSUPPORTED, explainMediaError } from './media-errors';

/** The part of `navigator.mediaDevices` the checks use. */
export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export type StartResult = { ok: true; stream: MediaStream } | { ok: false; outcome: Extract<CheckOutcome, { status: 'failed' }> };

/** The front camera at a modest size: it is a preview, and phones start it faster. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
  audio: false,
};

export async function startCamera(media: MediaDevicesLike | undefined): Promise<StartResult> {
  if (!media) return { ok: false, outcome: explainMediaError(UNSUPPORTED, 'camera') };
  try {
    const stream = await media.getUserMedia(CAMERA_CONSTRAINTS);
    if (stream.getVideoTracks().length === 0) {
      stopStream(stream);
      return { ok: false, outcome: explainMediaError({ name: 'NotFoundError' }, 'camera') };
    }
    return { ok: true, stream };
  } catch (error) {
    return { ok: false, outcome: explainMediaError(error, 'camera') };
  }
}

/** Turns the camera or microphone off (the light on the device goes out). */
export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}
