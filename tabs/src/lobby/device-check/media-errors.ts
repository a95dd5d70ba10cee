/** Turns a getUserMedia failure into what happened and what to do, in plain words. */
import type { CheckOutcome } from './check-outcome';

export type MediaKind = 'camera' | 'microphone';

export function explainMediaError(error: unknown, kind: MediaKind): Extract<CheckOutcome, { status: 'failed' }> {
  const name = isNamed(error) ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return {
        status: 'failed',
        problem: `Your browser is not allowing this page to use the ${kind}.`,
        fix: `Allow ${kind} access in your browser settings (often a ${kind} or lock icon next to the address), then press “Try again”.`,
      };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return {
        status: 'failed',
        problem: `The ${kind} is busy or not working.`,
        fix: `Close other apps that use the ${kind} (other video calls, the ${kind === 'camera' ? 'camera' : 'voice recorder'} app), then press “Try again”.`,
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return {
        status: 'failed',
        problem: `We could not find a ${kind}.`,
        fix: kind === 'camera' ? 'Connect a camera, or use a phone, tablet or laptop that has one.' : 'Connect a headset or microphone, or use a phone, tablet or laptop.',
      };
    case 'unsupported':
      return {
        status: 'failed',
        problem: `This browser cannot use the ${kind} on this page.`,
        fix: 'Open the link in an up-to-date Chrome, Edge, Safari or Firefox. If you opened it from inside another app, choose “Open in browser”.',
      };
    default:
      return {
        status: 'failed',
        problem: `The ${kind} did not start.`,
        fix: `Press “Try again”. If it still does not work, close other apps that use the ${kind}, or restart your device.`,
      };
  }
}

function isNamed(value: unknown): value is { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

/** The error for a browser without `navigator.mediaDevices.getUserMedia` (or an insecure page). */
export const UNSUPPORTED = { name: 'unsupported' } as const;
