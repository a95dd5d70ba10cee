/**
 * The device check before checking in: camera preview, microphone meter, speaker beeps, browser
 * support and the connection. Each item says whether it works and, when not, what to do. The
 * patient may check in with a failed item (audio-only visits happen); the page says what it means.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeviceCheckResult } from '../../../../bot/src/contracts/lobby-api';
import { checkBrowser } from './browser-support';
import type { BrowserFeatures } from './browser-support';
import { startCamera, stopStream } from './camera';
import type { MediaDevicesLike } from './camera';
import { CheckItem } from './check-item';
import { IF_FAILED, reported } from './check-outcome';
import type { CheckItemName, CheckOutcome } from './check-outcome';
import { measureConnection } from './connection';
import { HEARD_LEVEL, startMicrophone } from './microphone';
import type { CreateAudioContext, MicMeter } from './microphone';
import { playTestTone } from './speaker';

export interface DeviceCheckDeps {
  /** `navigator.mediaDevices`, undefined where the browser has none (or the page is not secure). */
  media: MediaDevicesLike | undefined;
  createAudioContext: CreateAudioContext | undefined;
  features: BrowserFeatures;
  ping: (signal: AbortSignal) => Promise<void>;
  userAgent: string | null;
}

/** How often the meter is read, and how long silence lasts before we say we cannot hear anything. */
export const METER_INTERVAL_MS = 100;
export const SILENCE_MS = 12_000;

const NOT_HEARD: CheckOutcome = {
  status: 'failed',
  problem: 'We cannot hear anything yet.',
  fix: 'Check that your microphone is not muted (some headsets have a mute switch), then say something: the bar should move.',
};
const NOT_HEARD_TONE: CheckOutcome = {
  status: 'failed',
  problem: 'You did not hear the test sound.',
  fix: 'Turn up your volume, check that the sound is not muted or the phone on silent, or connect headphones. Then play it again.',
};

type Outcomes = Record<CheckItemName, CheckOutcome>;
const IDLE: CheckOutcome = { status: 'idle' };
const ORDER: CheckItemName[] = ['camera', 'microphone', 'speaker', 'browser', 'connection'];
const LABELS: Record<CheckItemName, string> = {
  camera: 'Camera',
  microphone: 'Microphone',
  speaker: 'Sound',
  browser: 'Browser',
  connection: 'Internet connection',
};

export interface DeviceCheckProps {
  deps: DeviceCheckDeps;
  /** Checking in: the parent reports the result and checks the patient in. */
  onDone: (result: DeviceCheckResult) => void;
  busy: boolean;
}

export function DeviceCheck({ deps, onDone, busy }: DeviceCheckProps) {
  const [outcomes, setOutcomes] = useState<Outcomes>({ camera: IDLE, microphone: IDLE, speaker: IDLE, browser: IDLE, connection: IDLE });
  const [rttMs, setRttMs] = useState<number | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [level, setLevel] = useState(0);
  const [tone, setTone] = useState<'idle' | 'playing' | 'asking'>('idle');
  const [meter, setMeter] = useState<MicMeter | null>(null);
  const meterRef = useRef<MicMeter | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const mounted = useRef(true);

  const set = (name: CheckItemName, outcome: CheckOutcome) => {
    if (mounted.current) setOutcomes((current) => ({ ...current, [name]: outcome }));
  };

  async function runConnection(): Promise<void> {
    set('connection', { status: 'running' });
    const result = await measureConnection({ ping: deps.ping });
    if (!mounted.current) return;
    setRttMs(result.rttMs);
    set('connection', result.outcome);
  }

  // What needs no permission and no click runs at once.
  useEffect(() => {
    mounted.current = true;
    set('browser', checkBrowser(deps.features));
    void runConnection();
    return () => {
      mounted.current = false;
      stopStream(streamRef.current);
      streamRef.current = null;
      meterRef.current?.stop();
      meterRef.current = null;
    };
    // Once per mount: the features and the API do not change while the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function runCamera(): Promise<void> {
    stopStream(streamRef.current);
    streamRef.current = null;
    setStream(null);
    set('camera', { status: 'running' });
    const started = await startCamera(deps.media);
    if (!mounted.current) {
      if (started.ok) stopStream(started.stream);
      return;
    }
    if (started.ok) {
      streamRef.current = started.stream;
      setStream(started.stream);
      set('camera', { status: 'ok', detail: 'You should see yourself below.' });
    } else {
      set('camera', started.outcome);
    }
  }

  async function runMicrophone(): Promise<void> {
    meterRef.current?.stop();
    meterRef.current = null;
    setMeter(null);
    setLevel(0);
    set('microphone', { status: 'running' });
    const started = await startMicrophone(deps.media, deps.createAudioContext);
    if (!mounted.current) {
      if (started.ok) started.meter.stop();
      return;
    }
    if (started.ok) {
      meterRef.current = started.meter;
      setMeter(started.meter);
    } else {
      set('microphone', started.outcome);
    }
  }

  async function runCameraAndMicrophone(): Promise<void> {
    // One after the other, so the browser asks one question at a time.
    await runCamera();
    await runMicrophone();
  }

  const heard = outcomes.microphone.status === 'ok';

  // The meter: read a few times a second; the first sound passes the check, long silence says why.
  useEffect(() => {
    if (!meter) return;
    const started = Date.now();
    let wasHeard = false;
    const timer = setInterval(() => {
      const now = meter.level();
      setLevel(now);
      if (!wasHeard && now >= HEARD_LEVEL) {
        wasHeard = true;
        set('microphone', { status: 'ok', detail: 'We can hear you.' });
      } else if (!wasHeard && Date.now() - started >= SILENCE_MS) {
        setOutcomes((current) => (current.microphone.status === 'running' ? { ...current, microphone: NOT_HEARD } : current));
      }
    }, METER_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [meter]);

  async function runSpeaker(): Promise<void> {
    if (!deps.createAudioContext) {
      set('speaker', { status: 'failed', problem: 'This browser cannot play the test sound.', fix: 'Open the link in an up-to-date Chrome, Edge, Safari or Firefox.' });
      return;
    }
    setTone('playing');
    set('speaker', { status: 'running' });
    try {
      await playTestTone(deps.createAudioContext);
    } catch {
      // Could not play (no output device): the patient answers "No" and gets the fix.
    }
    if (mounted.current) setTone('asking');
  }

  function answerTone(heardIt: boolean): void {
    setTone('idle');
    set('speaker', heardIt ? { status: 'ok', detail: 'You can hear sound.' } : NOT_HEARD_TONE);
  }

  function checkIn(): void {
    onDone({
      camera: reported(outcomes.camera),
      microphone: reported(outcomes.microphone),
      speaker: reported(outcomes.speaker),
      browser: reported(outcomes.browser),
      connection: reported(outcomes.connection),
      rttMs,
      userAgent: deps.userAgent ? deps.userAgent.slice(0, 300) : null,
    });
  }

  const failed = ORDER.filter((name) => outcomes[name].status === 'failed');
  const untested = ORDER.filter((name) => outcomes[name].status === 'idle' || outcomes[name].status === 'running');
  const allGood = failed.length === 0 && untested.length === 0;
  const mediaStarted = outcomes.camera.status !== 'idle' || outcomes.microphone.status !== 'idle';

  return (
    <section aria-labelledby="device-check-steps" className="device-check">
      <p id="device-check-steps">
        Let’s check that your camera, microphone and sound work before you check in. Your browser will ask to use your camera and microphone: choose{' '}
        <strong>Allow</strong>.
      </p>
      {!mediaStarted && (
        <button type="button" className="button primary" onClick={() => void runCameraAndMicrophone()}>
          Test my camera and microphone
        </button>
      )}
      <ul className="check-list">
        <CheckItem label={LABELS.camera} outcome={outcomes.camera} onRetry={mediaStarted ? () => void runCamera() : undefined}>
          {stream && <CameraPreview stream={stream} />}
        </CheckItem>
        <CheckItem label={LABELS.microphone} outcome={outcomes.microphone} onRetry={mediaStarted && !meter ? () => void runMicrophone() : undefined}>
          {meter && <MicLevel level={level} heard={heard} />}
        </CheckItem>
        <CheckItem label={LABELS.speaker} outcome={outcomes.speaker}>
          {tone === 'asking' ? (
            <fieldset className="tone-question">
              <legend>Did you hear three beeps?</legend>
              <div className="button-row">
                <button type="button" className="button" onClick={() => answerTone(true)}>
                  Yes, I heard them
                </button>
                <button type="button" className="button" onClick={() => answerTone(false)}>
                  No
                </button>
              </div>
            </fieldset>
          ) : (
            <button type="button" className="button" disabled={tone === 'playing'} onClick={() => void runSpeaker()}>
              {tone === 'playing' ? 'Playing…' : outcomes.speaker.status === 'idle' ? 'Play test sound' : 'Play test sound again'}
            </button>
          )}
        </CheckItem>
        <CheckItem label={LABELS.browser} outcome={outcomes.browser} />
        <CheckItem
          label={LABELS.connection}
          outcome={outcomes.connection}
          onRetry={outcomes.connection.status === 'failed' ? () => void runConnection() : undefined}
        />
      </ul>
      <div className="check-summary" aria-labelledby="check-in-heading" role="group">
        <h2 id="check-in-heading">Ready?</h2>
        {allGood ? (
          <p>Everything works. Check in to tell the clinic you are here.</p>
        ) : (
          <>
            {failed.length > 0 && (
              <>
                <p>You can still check in. What this means:</p>
                <ul className="consequences">
                  {failed.map((name) => (
                    <li key={name}>
                      <strong>{LABELS[name]}:</strong> {IF_FAILED[name]}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {untested.length > 0 && (
              <p>
                Not tested yet: {untested.map((name) => LABELS[name].toLowerCase()).join(', ')}. You can check in without testing{untested.length > 1 ? ' them' : ' it'}.
              </p>
            )}
          </>
        )}
        <button type="button" className="button primary" disabled={busy} onClick={checkIn}>
          {busy ? 'Checking in…' : allGood ? 'Check in' : 'Check in anyway'}
        </button>
      </div>
    </section>
  );
}

function CameraPreview({ stream }: { stream: MediaStream }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    return () => {
      element.srcObject = null;
    };
  }, [stream]);
  // Muted and inline: phones play it without a tap and without going full screen.
  return <video ref={video} className="camera-preview" autoPlay muted playsInline aria-label="Your camera preview" data-testid="camera-preview" />;
}

function MicLevel({ level, heard }: { level: number; heard: boolean }) {
  const words = level >= 50 ? 'loud' : level >= HEARD_LEVEL ? 'good' : level > 2 ? 'quiet' : 'silent';
  return (
    <div className="mic">
      <p id="mic-hint">{heard ? 'We can hear you. The bar moves when you speak.' : 'Say something, or tap near the microphone: the bar should move.'}</p>
      <div
        role="meter"
        aria-label="Microphone level"
        aria-describedby="mic-hint"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={level}
        aria-valuetext={`${level} of 100, ${words}`}
        className="meter"
      >
        <div className={`meter-fill${level >= HEARD_LEVEL ? ' heard' : ''}`} style={{ width: `${level}%` }} />
      </div>
    </div>
  );
}
