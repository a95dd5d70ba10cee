/**
 * The room page: the other participants' videos, this browser's preview, the call's state and its
 * buttons; or, when the room said no or the user left, what to do next.
 */
import { useSyncExternalStore } from 'react';
import type { RoomRole } from '../../../bot/src/contracts/room-api';
import { callStatus } from './connection-status';
import { lobbyPathOf } from './room-address';
import { RoomControls } from './room-controls';
import type { RemoteView, RoomSession } from './room-session';
import { VideoTile } from './video-tile';

export interface RoomAppProps {
  session: Pick<RoomSession, 'snapshot' | 'subscribe' | 'toggleMicrophone' | 'toggleCamera' | 'leave' | 'endVisit'>;
  /** The patient's link token; null for clinicians. */
  patientToken: string | null;
  onRejoin: () => void;
}

export function RoomApp({ session, patientToken, onRejoin }: RoomAppProps) {
  const snapshot = useSyncExternalStore(session.subscribe, () => session.snapshot);
  const status = callStatus(snapshot);
  const title = patientToken ? 'Your video visit' : 'Video visit';
  const ended = snapshot.phase === 'left' || snapshot.phase === 'refused';

  return (
    // data-call-samples: whether this page has measured its call yet, for tests and support.
    <div className="room" data-state={status.state} data-call-samples={snapshot.callSamples}>
      <header className="room-header">
        <h1>{title}</h1>
        <p className="room-status" role="status" data-testid="call-status">
          {status.label}
        </p>
      </header>
      {ended ? (
        <main className="room-ended">
          {snapshot.phase === 'refused' ? (
            <>
              <p>{snapshot.error?.message}</p>
              {patientToken && snapshot.error?.status === 403 && <a href={lobbyPathOf(patientToken)}>Back to the waiting room</a>}
              {!patientToken && snapshot.error?.status === 401 && <p>Open the visit from Rounds in Microsoft Teams to sign in.</p>}
            </>
          ) : snapshot.visitEnded ? (
            <>
              <p>{patientToken ? 'The visit has ended. Thank you. You can close this page now.' : 'The visit has ended. You can close this page now.'}</p>
              {/* The patient's lobby page asks for the rating of a completed visit. */}
              {patientToken && <a href={lobbyPathOf(patientToken)}>Tell us how the visit went</a>}
            </>
          ) : (
            <>
              <p>{patientToken ? 'Thank you. You can close this page now.' : 'You can close this page now.'}</p>
              <button type="button" className="button-primary" onClick={onRejoin}>
                Rejoin
              </button>
            </>
          )}
        </main>
      ) : (
        <main className="room-stage">
          {[snapshot.mediaProblem, snapshot.actionProblem].map(
            (problem) =>
              problem && (
                <p key={problem} className="room-notice" role="alert">
                  {problem}
                </p>
              ),
          )}
          <section className="room-remotes" aria-label="Other participants">
            {snapshot.remotes.length === 0 ? (
              <p className="room-waiting">{status.state === 'connecting' ? 'Connecting…' : status.label}</p>
            ) : (
              snapshot.remotes.map((remote) => <VideoTile key={remote.peerId} stream={remote.stream} label={nameOf(remote.role)} note={noteOf(remote)} peerState={remote.state} />)
            )}
          </section>
          <VideoTile stream={snapshot.local} label="You" self note={snapshot.local && !snapshot.cameraOn ? 'Camera off' : null} />
        </main>
      )}
      {!ended && (
        <RoomControls
          snapshot={snapshot}
          onToggleMicrophone={() => session.toggleMicrophone()}
          onToggleCamera={() => session.toggleCamera()}
          onLeave={() => session.leave()}
          onEndVisit={snapshot.role === 'clinician' ? () => void session.endVisit() : null}
        />
      )}
    </div>
  );
}

function nameOf(role: RoomRole | null): string {
  switch (role) {
    case 'patient':
      return 'the patient';
    case 'guest':
      return 'a guest';
    case 'clinician':
      return 'the clinician';
    case null:
      return 'another participant';
  }
}

function noteOf(remote: RemoteView): string | null {
  switch (remote.state) {
    case 'new':
    case 'connecting':
      return 'Connecting…';
    case 'disconnected':
    case 'failed':
      return 'Reconnecting…';
    case 'closed':
      return 'Left';
    case 'connected':
      return null;
  }
}
