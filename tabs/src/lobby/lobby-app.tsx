/**
 * The patient's lobby, from the link to the visit: visit time and clinicians, identity check,
 * device check, waiting room, then straight into the visit once admitted. The server holds the
 * state (the phase); this page shows it, moves it on and follows it live.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode, Ref } from 'react';
import type { DeviceCheckResult, IdentifyInput, LobbyView } from '../../../bot/src/contracts/lobby-api';
import { browserTimers } from '../shared/timers';
import type { Timers } from '../shared/timers';
import { backoffDelay } from './backoff';
import { DeviceCheck } from './device-check/device-check';
import type { DeviceCheckDeps } from './device-check/device-check';
import { visitTime } from './format';
import type { LobbyClock } from './format';
import { FeedbackForm } from './feedback-form';
import { IdentityForm } from './identity-form';
import { ApiError } from '../shared/api-error';
import { linkNotValid, needsIdentity, NETWORK_MESSAGE } from './lobby-client';
import type { LobbyClient } from './lobby-client';
import { watchLobby } from './live-lobby';
import type { LiveStatus, OpenEventSource } from './live-lobby';
import { VisitSummary } from './visit-summary';
import { WaitingRoom } from './waiting-room';

/** Everything the page reaches outside React; main.tsx passes the browser's, tests pass fakes. */
export interface LobbyEnv {
  client: LobbyClient;
  openEvents: OpenEventSource;
  device: Omit<DeviceCheckDeps, 'ping'>;
  /** Leaves for the visit (window.location.assign). */
  navigate: (url: string) => void;
  clock: LobbyClock;
  timers?: Timers;
  random?: () => number;
}

type Screen = { kind: 'loading' } | { kind: 'not_valid' } | { kind: 'unreachable'; message: string } | { kind: 'lobby'; view: LobbyView };

/** The longest single wait for the waiting room to open; the view is read again then and the wait renewed. */
const MAX_OPENING_WAIT_MS = 60 * 60_000;

export function LobbyApp({ env }: { env: LobbyEnv }) {
  const { client, clock } = env;
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [needIdentity, setNeedIdentity] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<{ message: string; field?: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [loadAttempt, setLoadAttempt] = useState(0);
  const mainRef = useRef<HTMLElement>(null);

  const view = screen.kind === 'lobby' ? screen.view : null;
  const phase = view?.phase ?? null;

  function failed(error: unknown): ApiError {
    if (error instanceof ApiError) {
      if (linkNotValid(error)) setScreen({ kind: 'not_valid' });
      return error;
    }
    return new ApiError({ code: 'network', message: NETWORK_MESSAGE, cause: error });
  }

  /** Reads the view again; on failure keeps what is shown (or says the clinic cannot be reached). */
  async function reload(): Promise<void> {
    try {
      const next = await client.view();
      setScreen({ kind: 'lobby', view: next });
    } catch (error) {
      const problem = failed(error);
      if (linkNotValid(problem)) return;
      setScreen((current) => (current.kind === 'lobby' ? current : { kind: 'unreachable', message: problem.message }));
      if (problem.transient) setLoadAttempt((attempt) => attempt + 1);
    }
  }

  // First load, and retries with backoff while the clinic cannot be reached.
  useEffect(() => {
    let cancelled = false;
    const timers = env.timers ?? browserTimers;
    const handle = timers.setTimeout(
      () => {
        if (!cancelled) void reload();
      },
      loadAttempt === 0 ? 0 : backoffDelay(loadAttempt - 1, env.random),
    );
    return () => {
      cancelled = true;
      timers.clearTimeout(handle);
    };
    // Driven by the attempt counter only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadAttempt]);

  // Before the waiting room opens: read the view again when it does.
  const opensAt = phase === 'too_early' ? view?.opensAt : undefined;
  useEffect(() => {
    if (!opensAt) return;
    const timers = env.timers ?? browserTimers;
    const wait = Math.min(MAX_OPENING_WAIT_MS, Math.max(1000, Date.parse(opensAt) - clock.now() + 1000));
    const handle = timers.setTimeout(() => void reload(), wait);
    return () => timers.clearTimeout(handle);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opensAt]);

  // The waiting room follows the server live; the watch ends when the phase moves on.
  useEffect(() => {
    if (phase !== 'waiting') return;
    const watch = watchLobby({
      url: client.eventsUrl,
      open: env.openEvents,
      refetch: () => client.view(),
      onView: (next) => setScreen({ kind: 'lobby', view: next }),
      onStatus: setLive,
      onGone: () => setScreen({ kind: 'not_valid' }),
      ...(env.timers ? { timers: env.timers } : {}),
      ...(env.random ? { random: env.random } : {}),
    });
    const nudge = () => watch.nudge();
    const onVisible = () => {
      if (document.visibilityState === 'visible') watch.nudge();
    };
    window.addEventListener('online', nudge);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', nudge);
      document.removeEventListener('visibilitychange', onVisible);
      watch.stop();
    };
  }, [phase, client, env.openEvents, env.timers, env.random]);

  // Admitted: straight into the visit.
  const joinUrl = phase === 'admitted' ? view?.joinUrl : null;
  useEffect(() => {
    if (joinUrl) env.navigate(joinUrl);
  }, [joinUrl, env]);

  async function identify(input: IdentifyInput): Promise<void> {
    setBusy(true);
    setFormError(null);
    try {
      await client.identify(input);
      setNeedIdentity(null);
      await reload();
    } catch (error) {
      const problem = failed(error);
      if (problem.status === 409) await reload();
      else if (!linkNotValid(problem)) setFormError({ message: problem.message, ...(problem.field ? { field: problem.field } : {}) });
    } finally {
      setBusy(false);
    }
  }

  async function checkIn(result: DeviceCheckResult): Promise<void> {
    setBusy(true);
    setActionError(null);
    try {
      await client.deviceCheck(result);
      const next = await client.checkIn();
      setScreen({ kind: 'lobby', view: next });
    } catch (error) {
      const problem = failed(error);
      if (needsIdentity(problem)) setNeedIdentity(problem.message);
      else if (problem.status === 409) await reload();
      else if (!linkNotValid(problem)) setActionError(problem.message);
    } finally {
      setBusy(false);
    }
  }

  /** A message to the clinic; the page then shows the conversation as the service has it. */
  async function sendMessage(text: string): Promise<void> {
    try {
      setScreen({ kind: 'lobby', view: await client.message(text) });
    } catch (error) {
      const problem = failed(error);
      // Admitted or over meanwhile: the page moves on, the form with it.
      if (problem.status === 409) void reload();
      throw problem;
    }
  }

  // A new screen: its heading takes focus (not on first load), so screen readers start there.
  const screenKey = screen.kind === 'lobby' ? `${screen.view.phase}${needIdentity && screen.view.phase === 'device_check' ? '-identify' : ''}` : screen.kind;
  const firstScreen = useRef(true);
  useEffect(() => {
    const heading = mainRef.current?.querySelector('h1');
    if (heading) document.title = `${heading.textContent ?? ''} · Video visit`;
    if (screenKey === 'loading') return;
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    heading?.focus();
  }, [screenKey]);

  return (
    <LobbyShell mainRef={mainRef}>
      {renderScreen()}
    </LobbyShell>
  );

  function renderScreen(): ReactNode {
    switch (screen.kind) {
      case 'loading':
        return (
          <Page title="Your video visit">
            <p role="status">Loading your visit…</p>
          </Page>
        );
      case 'not_valid':
        return (
          <Page title="This link is not valid any more">
            <p>Your visit may have been moved or cancelled. Please use the newest message you received, or call the clinic.</p>
          </Page>
        );
      case 'unreachable':
        return (
          <Page title="We cannot reach the clinic right now">
            <p role="alert">{screen.message}</p>
            <p>This page keeps trying by itself.</p>
            <button type="button" className="button primary" onClick={() => void reload()}>
              Try again now
            </button>
          </Page>
        );
      case 'lobby':
        return renderPhase(screen.view);
    }
  }

  function renderPhase(current: LobbyView): ReactNode {
    switch (current.phase) {
      case 'too_early':
        return (
          <Page title="Your video visit">
            <VisitSummary view={current} clock={clock} />
            <p className="notice">
              The waiting room opens on <time dateTime={current.opensAt}>{visitTime(current.opensAt, clock)}</time>. Come back then, or keep this
              page open: it lets you in by itself.
            </p>
          </Page>
        );
      case 'identify':
        return (
          <Page title={current.guest ? 'Confirm who you are' : 'Confirm who the visit is for'}>
            <VisitSummary view={current} clock={clock} />
            <IdentityForm identity={current.identity} guest={current.guest} onSubmit={(input) => void identify(input)} busy={busy} error={formError} />
          </Page>
        );
      case 'device_check':
        if (needIdentity) {
          return (
            <Page title={current.guest ? 'Confirm who you are' : 'Confirm who the visit is for'}>
              <VisitSummary view={current} clock={clock} />
              <IdentityForm identity={current.identity} guest={current.guest} onSubmit={(input) => void identify(input)} busy={busy} error={formError} reason={needIdentity} />
            </Page>
          );
        }
        return (
          <Page title="Check your camera, microphone and sound">
            <VisitSummary view={current} clock={clock} />
            <DeviceCheck deps={{ ...env.device, ping: (signal) => client.ping(signal) }} onDone={(result) => void checkIn(result)} busy={busy} />
            {actionError && (
              <p className="form-error" role="alert">
                {actionError}
              </p>
            )}
          </Page>
        );
      case 'waiting':
        return (
          <Page title="You are in the waiting room">
            <WaitingRoom view={current} live={live} clock={clock} sendMessage={sendMessage} />
          </Page>
        );
      case 'admitted':
        return (
          <Page title="Your clinician is ready">
            <p role="status">Opening your visit…</p>
            {current.joinUrl && (
              <p>
                If it does not open, <a href={current.joinUrl}>open your visit here</a>.
              </p>
            )}
          </Page>
        );
      case 'ended':
        return (
          <Page title="This visit is over">
            <p>Thank you. If you still need to speak to your care team, please call the clinic.</p>
            {current.feedback && (
              <FeedbackForm
                given={current.feedback.rating}
                send={async (input) => {
                  const answered = await client.feedback(input).catch((error: unknown) => {
                    throw failed(error);
                  });
                  setScreen({ kind: 'lobby', view: answered });
                }}
              />
            )}
          </Page>
        );
    }
  }
}

function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </>
  );
}

/** The public page's frame: no Teams, no Fluent; light or dark as the device prefers (lobby.css). */
export function LobbyShell({ mainRef, children }: { mainRef?: Ref<HTMLElement>; children: ReactNode }) {
  return (
    <div className="lobby">
      <header className="lobby-header">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Video visit
        </p>
      </header>
      <main ref={mainRef} className="lobby-main">
        {children}
      </main>
    </div>
  );
}
