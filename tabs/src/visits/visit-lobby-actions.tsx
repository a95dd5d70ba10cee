/**
 * A visit's lobby as its clinicians see it, inside the visit's row: who is waiting (the patient and
 * their guests: "Margaret O. and 2 guests waiting"), for how long, how their device check went, and
 * Admit (one person, or everyone waiting) / Message patient / End visit; the messages between the
 * waiting room and the clinic, oldest first; once admitted, by whom. A
 * patient who never checked in can be marked a no-show instead.
 * Failures show here, on this visit's row, not at the top of the page.
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ClinicianLobbyView, DeviceCheckResult } from '../../../bot/src/contracts/lobby-api';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import { toApiError } from '../shared/api-client';
import type { ApiClient } from '../shared/api-client';
import type { ApiError } from '../shared/api-error';
import { ErrorBar } from '../shared/error-bar';
import { useCoalesced } from '../shared/use-coalesced';
import { useReloadable } from '../shared/use-reloadable';
import { EndVisitDialog, MessagePatientDialog, NoShowDialog } from './lobby-dialogs';
import { admitPatient, endVisit, fetchLobby, markNoShow, messagePatient } from './my-visits-api';
import { dateTimeFormat } from '../shared/date-time-format';

/** The wait timer moves on this often. */
export const WAIT_TICK_MS = 30_000;

/** Only these visits have a lobby worth asking about (a completed one for who admitted and the patient's rating). */
export const hasLobby = (visit: VisitDto): boolean => ['waiting', 'in_visit', 'no_show', 'completed'].includes(visit.status);

const useStyles = makeStyles({
  lobby: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  people: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  conversation: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** "Rated 4/5 · 'Very clear'" for the patient's answer; a guest's answer says whose it is. */
export function feedbackWords(answer: ClinicianLobbyView['feedback'][number], people: ClinicianLobbyView['people']): string {
  const guest = answer.participant === 'patient' ? null : people.find((person) => person.participant === answer.participant);
  const rated = guest ? `${guest.name} rated ${answer.rating}/5` : `Rated ${answer.rating}/5`;
  return answer.comment ? `${rated} · '${answer.comment}'` : rated;
}

/** "Ana Okafor (daughter)", "Luis Ortega (interpreter, Spanish)", the patient by name. */
function personLabel(person: ClinicianLobbyView['people'][number]): string {
  const about = [person.relationship, person.language].filter(Boolean).join(', ');
  return about ? `${person.name} (${about})` : person.name;
}

export interface VisitLobbyProps {
  visit: VisitDto;
  api: ApiClient;
  now: () => Date;
  timeZone: string;
  locale: string;
  /** After an action: the list loads again. */
  onChanged: () => void;
  /**
   * Counts the live events about this visit (the Visits channel tab): each new count loads the lobby
   * again in place, for the changes that leave the visit itself as it was (a guest checked in, a message).
   */
  changes?: number;
}

export function VisitLobby({ visit, api, now, timeZone, locale, onChanged, changes = 0 }: VisitLobbyProps) {
  const styles = useStyles();
  const name = visit.patient.name;
  // A changed visit (another status, another update) asks for its lobby again.
  const { state, reload, replace, refreshError } = useReloadable(`${visit.id}/${visit.status}/${visit.updatedAt}`, () => fetchLobby(api, visit.id));
  // Only a count that moved since this row last read its lobby: a row that just mounted has read it.
  const readAt = useRef(changes);
  const reloadSoon = useCoalesced(reload);
  useEffect(() => {
    if (changes === readAt.current) return;
    readAt.current = changes;
    reloadSoon();
  }, [changes, reloadSoon]);
  const [actionError, setActionError] = useState<ApiError>();
  const [admitting, setAdmitting] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'message' | 'end'; open: boolean; round: number }>();

  const view = state.kind === 'loaded' ? state.value : undefined;
  const error = actionError ?? refreshError ?? (state.kind === 'failed' ? state.error : undefined);
  const live = (status: string | undefined) => status === 'waiting' || status === 'in_visit';
  const waitingPeople = view?.people.filter((person) => person.checkedInAt && !person.admittedAt) ?? [];
  const waiting = live(visit.status) && live(view?.status) && waitingPeople.length > 0;
  const firstCheckIn = waitingPeople.map((person) => person.checkedInAt ?? '').sort()[0];
  const patientWaiting = waitingPeople.some((person) => person.participant === 'patient');
  const hasGuests = (view?.people.length ?? 0) > 1;
  const endable = (visit.status === 'waiting' || visit.status === 'in_visit') && (view?.status === 'waiting' || view?.status === 'in_visit');

  async function act(post: () => Promise<ClinicianLobbyView>): Promise<void> {
    setActionError(undefined);
    const answer = await post();
    replace(() => answer);
    onChanged();
  }

  async function admit(who: string) {
    setAdmitting(who);
    try {
      await act(() => admitPatient(api, visit.id, who));
    } catch (caught) {
      setActionError(toApiError(caught));
    } finally {
      setAdmitting(null);
    }
  }
  const busy = admitting !== null;

  const open = (kind: 'message' | 'end') => setDialog((current) => ({ kind, open: true, round: (current?.round ?? 0) + 1 }));
  const close = () => setDialog((current) => current && { ...current, open: false });

  return (
    <div className={styles.lobby} role="group" aria-label={`Lobby for ${name}`}>
      {view?.waiting && hasGuests && <Text weight="semibold">{view.waiting}</Text>}
      {view && waiting && firstCheckIn && <WaitTimer checkedInAt={firstCheckIn} now={now} />}
      {view && !hasGuests && (waiting || view.deviceCheck) && <Text>{deviceWords(view.deviceCheck)}</Text>}
      {view && hasGuests && (
        <ul className={styles.people} aria-label={`People of the visit with ${name}`}>
          {view.people.map((person) => (
            <li key={person.participant}>
              <Text>
                {personLabel(person)} · {person.admittedAt ? 'admitted' : person.checkedInAt ? `waiting · ${deviceWords(person.deviceCheck)}` : 'not here yet'}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {view?.admittedAt && (
        <Text>
          Admitted by {view.admittedBy ?? 'a clinician'} at <time dateTime={view.admittedAt}>{clockTime(view.admittedAt, timeZone, locale)}</time>
        </Text>
      )}
      {view && view.messages.length > 0 && (
        <ol className={styles.conversation} aria-label={`Messages with ${name}`}>
          {view.messages.map((message, index) => (
            <li key={`${message.at}-${index}`}>
              <Text>
                <Text weight="semibold">{message.from}</Text> (<time dateTime={message.at}>{clockTime(message.at, timeZone, locale)}</time>): {message.text}
              </Text>
            </li>
          ))}
        </ol>
      )}
      {view?.feedback.map((answer) => (
        <Text key={answer.participant}>{feedbackWords(answer, view.people)}</Text>
      ))}
      {endable && (
        <div className={styles.actions}>
          {waiting && waitingPeople.length > 1 && (
            <Button appearance="primary" onClick={() => void admit('everyone')} disabled={busy} aria-label={`Admit everyone (${waitingPeople.length}) waiting for the visit with ${name}`}>
              {admitting === 'everyone' ? 'Admitting…' : `Admit everyone (${waitingPeople.length})`}
            </Button>
          )}
          {waiting &&
            waitingPeople.map((person) => (
              <Button
                key={person.participant}
                appearance={waitingPeople.length === 1 ? 'primary' : 'secondary'}
                onClick={() => void admit(person.participant)}
                disabled={busy}
                aria-label={`Admit ${person.name}`}
              >
                {admitting === person.participant ? 'Admitting…' : waitingPeople.length === 1 ? 'Admit' : `Admit ${person.name.split(/\s+/)[0] ?? person.name}`}
              </Button>
            ))}
          {patientWaiting && (
            <Button onClick={() => open('message')} disabled={busy} aria-label={`Message patient ${name}`}>
              Message patient
            </Button>
          )}
          <Button appearance="subtle" onClick={() => open('end')} disabled={busy} aria-label={`End visit with ${name}`}>
            End visit
          </Button>
        </div>
      )}
      {error && <ErrorBar error={error} />}
      {dialog?.kind === 'message' && (
        <MessagePatientDialog key={dialog.round} patientName={name} open={dialog.open} onClose={close} onSend={(text) => act(() => messagePatient(api, visit.id, { text }))} />
      )}
      {dialog?.kind === 'end' && (
        <EndVisitDialog key={dialog.round} patientName={name} open={dialog.open} onClose={close} onConfirm={() => act(() => endVisit(api, visit.id))} />
      )}
    </div>
  );
}

/**
 * What a visit's row shows of its lobby: the lobby once someone checked in (or it is over), else Mark
 * no-show from the visit's start for a patient who never checked in. My visits and the Visits tab.
 */
export function VisitLobbySlot(props: VisitLobbyProps) {
  const { visit, api, now, onChanged } = props;
  const lobby = hasLobby(visit);
  const noShowDue = !lobby && visit.status === 'scheduled' && Date.parse(visit.start) <= now().getTime();
  // Mark no-show stays mounted when the visit moves on, so its closing dialog can take its aria-hidden
  // off the page (an unmounted Fluent Dialog leaves it: microsoft/fluentui#35139).
  return (
    <>
      {lobby && <VisitLobby {...props} />}
      <NoShowAction visit={visit} api={api} onChanged={onChanged} offered={noShowDue} />
    </>
  );
}

/** A patient who never checked in: Mark no-show (one who checked in came, and their visit is ended instead). */
function NoShowAction({ visit, api, onChanged, offered }: Pick<VisitLobbyProps, 'visit' | 'api' | 'onChanged'> & { offered: boolean }) {
  const [dialog, setDialog] = useState<{ open: boolean; round: number }>();
  const name = visit.patient.name;
  return (
    <>
      {offered && (
        <div role="group" aria-label={`Lobby for ${name}`}>
          <Button appearance="subtle" onClick={() => setDialog((current) => ({ open: true, round: (current?.round ?? 0) + 1 }))} aria-label={`Mark no-show for ${name}`}>
            Mark no-show
          </Button>
        </div>
      )}
      {dialog && (
        <NoShowDialog
          key={dialog.round}
          patientName={name}
          open={dialog.open}
          onClose={() => setDialog((current) => current && { ...current, open: false })}
          onConfirm={async () => {
            await markNoShow(api, visit.id);
            onChanged();
          }}
        />
      )}
    </>
  );
}


/** "Waiting · 3 min", moving on every WAIT_TICK_MS. */
function WaitTimer({ checkedInAt, now }: { checkedInAt: string; now: () => Date }) {
  const [at, setAt] = useState(now);
  useEffect(() => {
    const handle = window.setInterval(() => setAt(now()), WAIT_TICK_MS);
    return () => window.clearInterval(handle);
  }, [now]);
  const minutes = Math.max(0, Math.floor((at.getTime() - Date.parse(checkedInAt)) / 60_000));
  const spoken = minutes < 1 ? 'under 1 min' : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return <Text role="timer">Waiting · {spoken}</Text>;
}

const DEVICE_WORDS: Record<Exclude<keyof DeviceCheckResult, 'rttMs' | 'userAgent'>, { label: string; failed: string }> = {
  camera: { label: 'Camera', failed: 'not working' },
  microphone: { label: 'Microphone', failed: 'not working' },
  speaker: { label: 'Speaker', failed: 'not working' },
  browser: { label: 'Browser', failed: 'not supported' },
  connection: { label: 'Connection', failed: 'too weak' },
};

/** "Devices OK", or what failed / was skipped: "Speaker not working". */
export function deviceWords(check: ClinicianLobbyView['deviceCheck']): string {
  if (!check) return 'Devices not checked';
  const problems = Object.entries(DEVICE_WORDS).flatMap(([item, words]) => {
    const result = check[item as keyof typeof DEVICE_WORDS];
    if (result === 'failed') return [`${words.label} ${words.failed}`];
    if (result === 'skipped') return [`${words.label} not checked`];
    return [];
  });
  return problems.length === 0 ? 'Devices OK' : problems.join(' · ');
}

const clockTime = (iso: string, timeZone: string, locale: string): string =>
  dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
