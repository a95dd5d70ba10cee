/**
 * The waiting room: that the clinician knows, the conversation with the clinic ("running about 10
 * minutes late", and the patient's own messages), how long the patient has waited, and what happens if the connection drops. Changes are announced
 * by live regions; the elapsed time is not (a timer read aloud every few seconds would be noise).
 */
import { useEffect, useState } from 'react';
import type { LobbyView } from '../../../bot/src/contracts/lobby-api';
import { clockTime, namesOf, toldYouAreHere, waitedFor } from './format';
import type { LobbyClock } from './format';
import type { LiveStatus } from './live-lobby';
import { MessageClinic } from './message-clinic';
import { VisitSummary } from './visit-summary';

/** How often the elapsed time is redrawn. */
export const ELAPSED_TICK_MS = 15_000;

export interface WaitingRoomProps {
  view: LobbyView;
  live: LiveStatus;
  clock: LobbyClock;
  /** Sends a message to the clinic; rejects with an Error whose message the form shows. */
  sendMessage: (text: string) => Promise<void>;
}

export function WaitingRoom({ view, live, clock, sendMessage }: WaitingRoomProps) {
  const [now, setNow] = useState(clock.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), ELAPSED_TICK_MS);
    return () => clearInterval(timer);
  }, [clock]);

  const who = namesOf(view.clinicians);
  const since = view.checkedInAt ? Date.parse(view.checkedInAt) : null;
  return (
    <div className="waiting-room">
      <p className="waiting-status" role="status">
        <span className="pulse" aria-hidden="true" />
        {view.clinicianNotified ? toldYouAreHere(view.clinicians) : `We are letting ${who} know you are here.`}
      </p>
      <p>
        Keep this page open. When {who} lets you in, your visit opens by itself. You do not need to do anything until then.
      </p>
      {since !== null && (
        <p>
          You have been waiting <span role="timer">{waitedFor(now - since)}</span>.
        </p>
      )}

      <section aria-labelledby="messages-heading" className="messages">
        <h2 id="messages-heading">Messages with the clinic</h2>
        {view.messages.length === 0 && <p className="hint">Nothing yet. Messages between you and the clinic appear here.</p>}
        {/* A log: each new message is read out when it arrives. It wraps the list: an <ol> with role="log" is no list, and its items would be orphans. */}
        <div role="log" aria-labelledby="messages-heading">
          <ol className="message-list">
            {view.messages.map((message, index) => (
              <li key={`${message.at}-${index}`} className={message.participant ? 'message mine' : 'message'}>
                <p className="message-text">{message.text}</p>
                <p className="message-meta">
                  {/* This page shows only its own side's messages besides the clinic's. */}
                  {message.participant ? 'You' : message.from}, <time dateTime={message.at}>{clockTime(message.at, clock)}</time>
                </p>
              </li>
            ))}
          </ol>
        </div>
        <MessageClinic send={sendMessage} />
      </section>

      <VisitSummary view={view} clock={clock} />

      <section aria-labelledby="connection-heading" className="connection">
        <h2 id="connection-heading">If your connection drops</h2>
        <p role="status" className={`live-status ${live}`}>
          {live === 'live' ? 'Connected: this page updates by itself.' : live === 'connecting' ? 'Connecting…' : 'Connection lost. Reconnecting… You keep your place.'}
        </p>
        <p>
          This page reconnects by itself when your internet comes back, and you keep your place in the waiting room. If it does not, open the link
          from your message again. If your visit has not started 15 minutes after its time, please call the clinic.
        </p>
      </section>
    </div>
  );
}
