/**
 * The call's buttons. Mute and camera are toggle buttons (aria-pressed says whether they are on), so
 * their names never change; each visible word is part of its accessible name (WCAG 2.5.3).
 */
import type { RoomSnapshot } from './room-session';

export interface RoomControlsProps {
  snapshot: RoomSnapshot;
  onToggleMicrophone: () => void;
  onToggleCamera: () => void;
  onLeave: () => void;
  /** Clinicians only: ends the visit for everyone. */
  onEndVisit: (() => void) | null;
}

export function RoomControls({ snapshot, onToggleMicrophone, onToggleCamera, onLeave, onEndVisit }: RoomControlsProps) {
  return (
    <section className="room-controls" aria-label="Call controls">
      <button type="button" className="control" aria-label="Mute microphone" aria-pressed={snapshot.hasMicrophone && !snapshot.micOn} disabled={!snapshot.hasMicrophone} onClick={onToggleMicrophone}>
        <MicrophoneIcon off={!snapshot.micOn} />
        <span>Mute</span>
      </button>
      <button type="button" className="control" aria-label="Turn camera off" aria-pressed={snapshot.hasCamera && !snapshot.cameraOn} disabled={!snapshot.hasCamera} onClick={onToggleCamera}>
        <CameraIcon off={!snapshot.cameraOn} />
        <span>Camera off</span>
      </button>
      <button type="button" className="control control-leave" aria-label="Leave the visit" onClick={onLeave}>
        <LeaveIcon />
        <span>Leave</span>
      </button>
      {onEndVisit && (
        <button type="button" className="control control-leave" aria-label="End visit" onClick={onEndVisit}>
          <LeaveIcon />
          <span>End visit</span>
        </button>
      )}
    </section>
  );
}

function MicrophoneIcon({ off }: { off: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M12 15a3.5 3.5 0 0 0 3.5-3.5v-6a3.5 3.5 0 1 0-7 0v6A3.5 3.5 0 0 0 12 15Zm6.25-3.75a.75.75 0 0 0-1.5 0 4.75 4.75 0 0 1-9.5 0 .75.75 0 0 0-1.5 0 6.25 6.25 0 0 0 5.5 6.2V20h-2.5a.75.75 0 0 0 0 1.5h6.5a.75.75 0 0 0 0-1.5h-2.5v-2.55a6.25 6.25 0 0 0 5.5-6.2Z" />
      {off && <path stroke="currentColor" strokeWidth="2" strokeLinecap="round" d="M4 3l16 18" />}
    </svg>
  );
}

function CameraIcon({ off }: { off: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M4.5 6A2.5 2.5 0 0 0 2 8.5v7A2.5 2.5 0 0 0 4.5 18h9a2.5 2.5 0 0 0 2.5-2.5v-.9l3.9 2.6a.75.75 0 0 0 1.1-.6V7.4a.75.75 0 0 0-1.1-.6L16 9.4v-.9A2.5 2.5 0 0 0 13.5 6h-9Z" />
      {off && <path stroke="currentColor" strokeWidth="2" strokeLinecap="round" d="M3 3l18 18" />}
    </svg>
  );
}

function LeaveIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M12 9c-3.6 0-7 1-9.3 2.8a1.8 1.8 0 0 0-.6 2l.5 1.6a1.3 1.3 0 0 0 1.6.8l3.2-1a1.3 1.3 0 0 0 .9-1.1l.2-1.6a11 11 0 0 1 7 0l.2 1.6a1.3 1.3 0 0 0 .9 1.1l3.2 1a1.3 1.3 0 0 0 1.6-.8l.5-1.6a1.8 1.8 0 0 0-.6-2C19 10 15.6 9 12 9Z" />
    </svg>
  );
}
