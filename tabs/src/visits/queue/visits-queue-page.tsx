/**
 * Channel tab "Visits": the care team's queue. Today's visits of this channel (or of the whole team,
 * per the tab's settings), live over server-sent events: who is waiting and for how long, their
 * device check, their messages from the waiting room; Admit (one person or everyone), Message
 * patient, Mark no-show and End visit for any member of the team. The rows are My visits' own.
 */
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { visitChangedEvent } from '../../../../bot/src/contracts/visit-board-api';
import type { VisitDto } from '../../../../bot/src/contracts/visits-api';
import { browserClock } from '../../shared/clock';
import type { Clock } from '../../shared/clock';
import { EmptyState } from '../../shared/empty-state';
import { ErrorBar } from '../../shared/error-bar';
import { ArrowClockwiseRegular } from '../../shared/icons';
import { MissingChannel } from '../../shared/missing-channel';
import type { TabSession } from '../../shared/tab-root';
import { useCoalesced } from '../../shared/use-coalesced';
import { useEventStream } from '../../shared/use-event-stream';
import { useReloadable } from '../../shared/use-reloadable';
import { fetchTeamVisits } from '../my-visits-api';
import { dayOf } from '../visit-days';
import { VisitItem } from '../visit-item';
import { VisitLobbySlot } from '../visit-lobby-actions';
import { scopeOf } from './queue-scope';
import type { QueueScope } from './queue-scope';

/** The queue's sections, in the order a clinician looks: who waits first. */
const SECTIONS: readonly { title: string; statuses: readonly VisitDto['status'][] }[] = [
  { title: 'Waiting', statuses: ['waiting'] },
  { title: 'In visit', statuses: ['in_visit'] },
  { title: 'Later today', statuses: ['pending', 'scheduled'] },
  { title: 'Done', statuses: ['completed', 'no_show', 'cancelled'] },
];

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
});

export interface VisitsQueuePageProps {
  session: TabSession;
  clock?: Clock;
  /** From the tab's address (its settings); tests pass it. */
  scope?: QueueScope;
}

export function VisitsQueuePage({ session, clock = browserClock, scope = scopeOf(window.location.search) }: VisitsQueuePageProps) {
  const { teamId, channelId, inTeams } = session.host;
  if (!teamId || !channelId) return <MissingChannel inTeams={inTeams} tab="Visits" />;
  return <Queue session={session} clock={clock} teamId={teamId} channelId={scope === 'channel' ? channelId : undefined} />;
}

function Queue({ session, clock, teamId, channelId }: { session: TabSession; clock: Clock; teamId: string; channelId: string | undefined }) {
  const styles = useStyles();
  const { api, host } = session;
  const { timeZone } = clock;
  // Read on every render: a tab left open past midnight moves to the new day on its next update.
  const today = dayOf(clock.now(), timeZone);
  const where = { teamId, channelId };
  const { state, reload, refreshError } = useReloadable(`${teamId}/${channelId ?? '*'}/${today}`, () => fetchTeamVisits(api, where, today, timeZone));
  const reloadSoon = useCoalesced(reload);
  // Live events per visit: each one has that visit's lobby read again, in place.
  const [changes, setChanges] = useState<Record<string, number>>({});

  useEventStream(
    api,
    { path: '/api/channel-visits/events', query: { teamId, ...(channelId ? { channelId } : {}) }, schema: visitChangedEvent, label: 'Visits' },
    ({ visitId }) => {
      setChanges((current) => ({ ...current, [visitId]: (current[visitId] ?? 0) + 1 }));
      reloadSoon();
    },
    // The stream was down: whatever changed meanwhile is read again.
    () => {
      setChanges((current) => Object.fromEntries(Object.entries(current).map(([id, count]) => [id, count + 1])));
      reloadSoon();
    },
  );

  const place = channelId ? 'this channel' : 'this team';
  return (
    <>
      <div className={styles.bar}>
        <Text>
          Today’s visits of {place}, live. Times are in your time zone, {timeZone}.
        </Text>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>
          Refresh
        </Button>
      </div>
      {refreshError && <ErrorBar error={refreshError} />}
      {state.kind === 'loading' && <Spinner label="Loading today’s visits…" />}
      {state.kind === 'failed' && (
        <>
          <ErrorBar error={state.error} />
          <Button appearance="primary" onClick={() => void reload()}>
            Try again
          </Button>
        </>
      )}
      {state.kind === 'loaded' && (
        <>
          <Text role="status" size={200}>
            {summary(state.value)}
          </Text>
          {state.value.length === 0 && (
            <EmptyState
              title={`No visits today in ${place}`}
              description={
                'Visits scheduled here with “@Rounds schedule” appear as soon as they are booked, and patients show up the moment they check in.' +
                (channelId ? ' To follow every channel of the team, open this tab’s settings and choose the whole team.' : '')
              }
            />
          )}
          {SECTIONS.map(({ title, statuses }) => {
            const visits = state.value.filter((visit) => statuses.includes(visit.status));
            if (visits.length === 0) return null;
            return (
              <section key={title} className={styles.section} aria-label={title}>
                <h2 className={styles.heading}>{title}</h2>
                <ul className={styles.list}>
                  {visits.map((visit) => (
                    <VisitItem
                      key={visit.id}
                      visit={visit}
                      timeZone={timeZone}
                      locale={host.locale}
                      lobby={<VisitLobbySlot visit={visit} api={api} now={clock.now} timeZone={timeZone} locale={host.locale} onChanged={() => void reload()} changes={changes[visit.id] ?? 0} />}
                    />
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </>
  );
}

/** "2 waiting · 6 visits today". */
function summary(visits: readonly VisitDto[]): string {
  const total = visits.length === 1 ? '1 visit today' : `${visits.length} visits today`;
  const waiting = visits.filter((visit) => visit.status === 'waiting').length;
  return waiting > 0 ? `${waiting} waiting · ${total}` : total;
}
