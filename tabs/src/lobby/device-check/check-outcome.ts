/** Where one item of the device check stands, in words a patient can act on. */
export type CheckOutcome =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ok'; detail?: string }
  /** `problem` says what is wrong, `fix` what to do about it. */
  | { status: 'failed'; problem: string; fix: string };

export type CheckItemName = 'browser' | 'connection' | 'camera' | 'microphone' | 'speaker';

/** What the visit means when an item failed, said next to "Check in anyway". */
export const IF_FAILED: Record<CheckItemName, string> = {
  camera: 'Your clinician will not see you, but you can still talk.',
  microphone: 'Your clinician may not hear you. They can still see you, and may phone you instead.',
  speaker: 'You may not hear your clinician. Try headphones, or be ready for a phone call.',
  browser: 'The video may not start in this browser. Your clinician can phone you instead.',
  connection: 'The video may freeze or drop. Your clinician can phone you if it does.',
};

/** The server's word for an item: untested items count as skipped. */
export function reported(outcome: CheckOutcome): 'ok' | 'failed' | 'skipped' {
  switch (outcome.status) {
    case 'ok':
      return 'ok';
    case 'failed':
      return 'failed';
    case 'idle':
    case 'running':
      return 'skipped';
  }
}
