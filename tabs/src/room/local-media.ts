/**
 * The camera and microphone. A missing or refused device does not keep anyone out of the visit:
 * the page joins with what it has (audio only, video only, or just watching and listening) and
 * says why, in words a patient can act on.
 */
export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export interface LocalMedia {
  stream: MediaStream | null;
  /** Why the camera or microphone is missing, or null when both work. */
  problem: string | null;
}

const VIDEO: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' };
const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };

export async function openLocalMedia(getUserMedia: GetUserMedia | undefined): Promise<LocalMedia> {
  if (!getUserMedia) {
    return { stream: null, problem: 'This browser cannot use a camera or microphone here. You can still see and hear the other person; try another browser to be seen and heard.' };
  }
  let firstError: unknown = null;
  for (const constraints of [{ audio: AUDIO, video: VIDEO }, { audio: AUDIO }, { video: VIDEO }]) {
    try {
      const stream = await getUserMedia(constraints);
      const kinds = new Set(stream.getTracks().map((track) => track.kind));
      const problem = kinds.has('audio') && kinds.has('video') ? null : describe(firstError, kinds.has('audio') ? 'camera' : 'microphone');
      return { stream, problem };
    } catch (error) {
      firstError ??= error;
      // Refused by the user or the browser's settings: asking again for less gives the same answer.
      if (errorName(error) === 'NotAllowedError' || errorName(error) === 'SecurityError') break;
    }
  }
  return { stream: null, problem: describe(firstError, 'camera or microphone') };
}

function describe(error: unknown, device: string): string {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Your ${device} is blocked for this page. Allow it in your browser’s settings (often the icon next to the address), then reload the page.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No ${device} was found. You can still see and hear the other person.`;
    case 'NotReadableError':
    case 'AbortError':
      return `Your ${device} is in use by another app. Close that app, then reload the page.`;
    default:
      return `Your ${device} could not be started. You can still see and hear the other person.`;
  }
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : '';
}
