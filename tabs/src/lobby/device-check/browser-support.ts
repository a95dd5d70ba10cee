/** Whether this browser has what a video visit and this page need. Pure: reads only what it is given. */
import type { CheckOutcome } from './check-outcome';

export interface BrowserFeatures {
  /** False on plain http (other than localhost): browsers hide the camera there. */
  secureContext: boolean;
  getUserMedia: boolean;
  peerConnection: boolean;
  eventSource: boolean;
}

/** Reads the features off a window (or anything shaped like one, in tests). */
export function detectBrowserFeatures(win: {
  isSecureContext?: boolean;
  navigator?: { mediaDevices?: { getUserMedia?: unknown } };
  RTCPeerConnection?: unknown;
  EventSource?: unknown;
}): BrowserFeatures {
  return {
    secureContext: win.isSecureContext !== false,
    getUserMedia: typeof win.navigator?.mediaDevices?.getUserMedia === 'function',
    peerConnection: typeof win.RTCPeerConnection === 'function',
    eventSource: typeof win.EventSource === 'function',
  };
}

const OPEN_ELSEWHERE = 'Open the link in an up-to-date Chrome, Edge, Safari or Firefox. If you opened it from inside another app (email, messages), choose “Open in browser”.';

export function checkBrowser(features: BrowserFeatures): CheckOutcome {
  if (!features.secureContext) {
    return {
      status: 'failed',
      problem: 'This page was opened without a secure connection, so the browser hides your camera and microphone.',
      fix: 'Open the link exactly as you received it (it starts with https://).',
    };
  }
  const missing = [
    !features.getUserMedia && 'camera and microphone access',
    !features.peerConnection && 'video calls (WebRTC)',
    !features.eventSource && 'live updates',
  ].filter((item): item is string => typeof item === 'string');
  if (missing.length > 0) {
    return { status: 'failed', problem: `This browser does not support ${missing.join(', ')}.`, fix: OPEN_ELSEWHERE };
  }
  return { status: 'ok', detail: 'Your browser supports video visits.' };
}
