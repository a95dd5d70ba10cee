/**
 * Entry of the video room page (tabs/room.html, served at /rooms/<roomId>). Patients open it from
 * their admitted lobby link on any phone or laptop: plain React and one stylesheet, no teams-js, no
 * Fluent, no sign-in. Clinicians open it from Teams or, in dev mode, a browser.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { clinicianAuth, patientAuth } from './room-auth';
import { newPeerId, roomAddressOf } from './room-address';
import type { RoomAddress } from './room-address';
import { createRoomClient } from './room-client';
import type { AuthHeaders } from './room-client';
import { RoomPage } from './room-page';
import { RoomSession } from './room-session';
import { openSignalStream } from './signal-stream';
import './room.css';

function authOf(address: RoomAddress): AuthHeaders {
  if (address.patientToken) return patientAuth(address.patientToken);
  // Signs in once, on the first request.
  const ready = clinicianAuth();
  return async () => (await ready)();
}

function sessionFactory(address: RoomAddress): () => RoomSession {
  const client = createRoomClient(address.roomId, authOf(address), (url, init) => fetch(url, init));
  const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
  return () =>
    new RoomSession({
      client,
      peerId: newPeerId(),
      // Missing on plain http (other than localhost) and in some in-app browsers.
      getUserMedia: mediaDevices?.getUserMedia ? (constraints) => mediaDevices.getUserMedia(constraints) : undefined,
      createPeerConnection: (config) => new RTCPeerConnection(config),
      openStream: openSignalStream,
    });
}

const container = document.getElementById('root');
if (!container) throw new Error('The room page is missing its <div id="root"> element');
const address = roomAddressOf(window.location);
createRoot(container).render(
  <StrictMode>
    {address ? (
      <RoomPage createSession={sessionFactory(address)} patientToken={address.patientToken} />
    ) : (
      <main className="room-ended">
        <h1>This video room is not available</h1>
        <p>Use the newest link you received, or call the clinic.</p>
      </main>
    )}
  </StrictMode>,
);
