/**
 * Entry of the public lobby page (tabs/lobby.html, served at /lobby/<token>). It runs outside Teams
 * on any phone or laptop: no teams-js, no Fluent, no sign-in; plain React and one small stylesheet.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectBrowserFeatures } from './device-check/browser-support';
import type { CreateAudioContext } from './device-check/microphone';
import { browserClock } from './format';
import { LobbyApp, LobbyShell } from './lobby-app';
import type { LobbyEnv } from './lobby-app';
import { createLobbyClient } from './lobby-client';
import { noEventSource } from './live-lobby';
import { tokenFromLocation } from './lobby-token';
import './lobby.css';

function audioContextFactory(): CreateAudioContext | undefined {
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  return Ctor ? () => new Ctor() : undefined;
}

function browserEnv(token: string): LobbyEnv {
  return {
    client: createLobbyClient(token),
    openEvents: typeof EventSource === 'function' ? (url) => new EventSource(url) : noEventSource,
    device: {
      // Missing on plain http and in some in-app browsers, whatever the typings say.
      media: (navigator.mediaDevices as MediaDevices | undefined)?.getUserMedia ? navigator.mediaDevices : undefined,
      createAudioContext: audioContextFactory(),
      features: detectBrowserFeatures(window),
      userAgent: navigator.userAgent || null,
    },
    navigate: (url) => window.location.assign(url),
    clock: browserClock,
  };
}

const container = document.getElementById('root');
if (!container) throw new Error('The lobby page is missing its <div id="root"> element');
const token = tokenFromLocation(window.location);
createRoot(container).render(
  <StrictMode>
    {token ? (
      <LobbyApp env={browserEnv(token)} />
    ) : (
      <LobbyShell>
        <h1>This link is not valid any more</h1>
        <p>Your visit may have been moved or cancelled. Please use the newest message you received, or call the clinic.</p>
      </LobbyShell>
    )}
  </StrictMode>,
);
