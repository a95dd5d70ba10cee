/**
 * Personal tab "My visits": the visits I run or scheduled, by day in my time zone, with filters for
 * the dates, the status and the patient. Errors take one place under the filters; the filters stay.
 */
import { Button, Field, Radio, RadioGroup, SearchBox, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import { toApiError } from '../shared/api-client';
import type { ApiError } from '../shared/api-error';
import { browserClock } from '../shared/clock';
import type { Clock } from '../shared/clock';
import { EmptyState } from '../shared/empty-state';
import { ErrorBar } from '../shared/error-bar';
import { ArrowClockwiseRegular } from '../shared/icons';
import type { TabSession } from '../shared/tab-root';
import { useReloadable } from '../shared/use-reloadable';
import { CancelVisitDialog } from './cancel-visit-dialog';
import { cancelVisit, fetchMyVisits, setAdmitWhenReady } from './my-visits-api';
import { RANGE_PRESETS, dayHeading, dayOf, groupByDay, matchesPatient, presetRange, timeRange } from './visit-days';
import type { RangePreset } from './visit-days';
import { VisitItem } from './visit-item';
import { VisitLobbySlot } from './visit-lobby-actions';
import { STATUS_FILTERS, statusesOf } from './visit-status';
import type { StatusFilter } from './visit-status';

/** How the bot schedules a visit (bot/src/teams/commands.ts), as the empty state teaches it. */
const SCHEDULE_HINT =
  'To schedule a video visit, type “@Rounds schedule” in a chat or channel with Rounds for a form, or say it all at once: “@Rounds schedule a visit with Alex Morgan tomorrow at 3pm for 30 minutes”.';

const EMPTY_TITLES: Record<RangePreset, string> = {
  today: 'No visits today',
  next7: 'No visits today or in the next 7 days',
  past7: 'No visits in the past 7 days',
};

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  patientFilter: { minWidth: '220px' },
  day: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  dayHeading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
});

export function MyVisitsPage({ session, clock = browserClock }: { session: TabSession; clock?: Clock }) {
  const styles = useStyles();
  const { api, host } = session;
  const { timeZone } = clock;
  const [now, setNow] = useState(clock.now);
  const [preset, setPreset] = useState<RangePreset>('next7');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('live');
  const [patientText, setPatientText] = useState('');
  const [cancelling, setCancelling] = useState<{ visit: VisitDto; open: boolean }>();
  const [switchError, setSwitchError] = useState<ApiError>();

  const range = presetRange(preset, now, timeZone);
  const statuses = statusesOf(statusFilter);
  const { state, reload, replace, refreshError } = useReloadable(`${range.from}/${range.to}/${statusFilter}`, () => fetchMyVisits(api, range, timeZone, statuses));

  function refresh() {
    const fresh = clock.now();
    // A new day moves the range (and the load key); the same day just loads again.
    if (dayOf(fresh, timeZone) !== dayOf(now, timeZone)) setNow(fresh);
    else void reload();
  }

  // One error at a time, in one place: the latest refresh's, else the first load's.
  const error = switchError ?? refreshError ?? (state.kind === 'failed' ? state.error : undefined);
  const today = dayOf(now, timeZone);
  const when = (visit: VisitDto) => `${dayHeading(dayOf(new Date(visit.start), timeZone), today, host.locale)}, ${timeRange(visit, timeZone, host.locale)}`;

  return (
    <>
      <div role="search" aria-label="Filter visits" className={styles.filters}>
        <Field label="Dates">
          <RadioGroup layout="horizontal" value={preset} onChange={(_, data) => setPreset(data.value as RangePreset)}>
            {RANGE_PRESETS.map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </RadioGroup>
        </Field>
        <Field label="Status">
          <Select value={statusFilter} onChange={(_, data) => setStatusFilter(data.value as StatusFilter)}>
            {STATUS_FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Patient name or MRN" className={styles.patientFilter}>
          <SearchBox value={patientText} onChange={(_, data) => setPatientText(data.value)} />
        </Field>
        <Button icon={<ArrowClockwiseRegular />} onClick={refresh}>
          Refresh
        </Button>
      </div>
      <Text size={200}>Times are in your time zone, {timeZone}.</Text>

      {error && <ErrorBar error={error} />}
      {state.kind === 'loading' && <Spinner label="Loading your visits…" />}
      {state.kind === 'loaded' && (
        <VisitDays
          visits={state.value}
          patientText={patientText}
          preset={preset}
          today={today}
          timeZone={timeZone}
          locale={host.locale}
          onClearPatient={() => setPatientText('')}
          onCancel={(visit) => setCancelling({ visit, open: true })}
          onAdmitWhenReady={async (visit, on) => {
            setSwitchError(undefined);
            try {
              const changed = await setAdmitWhenReady(api, visit.id, on);
              replace((visits) => visits.map((item) => (item.id === changed.id ? changed : item)));
            } catch (caught) {
              setSwitchError(toApiError(caught));
            }
          }}
          lobbyOf={(visit) => <VisitLobbySlot visit={visit} api={api} now={clock.now} timeZone={timeZone} locale={host.locale} onChanged={() => void reload()} />}
        />
      )}

      {cancelling && (
        // Keyed by visit: the next visit's dialog starts without the last one's error.
        <CancelVisitDialog
          key={cancelling.visit.id}
          visit={cancelling.visit}
          open={cancelling.open}
          when={when(cancelling.visit)}
          onConfirm={async () => {
            const cancelled = await cancelVisit(api, cancelling.visit.id);
            // Stays on screen with its new badge until the next load, so the change is visible.
            replace((visits) => visits.map((visit) => (visit.id === cancelled.id ? cancelled : visit)));
          }}
          onClose={() => setCancelling((current) => current && { ...current, open: false })}
        />
      )}
    </>
  );
}

interface VisitDaysProps {
  visits: readonly VisitDto[];
  patientText: string;
  preset: RangePreset;
  today: string;
  timeZone: string;
  locale: string;
  onClearPatient: () => void;
  onCancel: (visit: VisitDto) => void;
  onAdmitWhenReady: (visit: VisitDto, on: boolean) => Promise<void>;
  lobbyOf: (visit: VisitDto) => ReactNode;
}

function VisitDays({ visits, patientText, preset, today, timeZone, locale, onClearPatient, onCancel, onAdmitWhenReady, lobbyOf }: VisitDaysProps) {
  const styles = useStyles();
  const shown = visits.filter((visit) => matchesPatient(visit, patientText));
  const days = groupByDay(shown, timeZone, preset === 'past7');
  const count = shown.length === visits.length ? countOf(visits.length) : `Showing ${shown.length} of ${countOf(visits.length)}`;

  return (
    <>
      {/* Announced when filters change the list, so a screen reader user hears the result. */}
      <Text role="status" size={200}>
        {count}
      </Text>
      {visits.length === 0 && (
        <EmptyState title={EMPTY_TITLES[preset]} description={SCHEDULE_HINT} />
      )}
      {visits.length > 0 && shown.length === 0 && (
        <EmptyState title={`No visits match “${patientText.trim()}”`} action={<Button onClick={onClearPatient}>Show all patients</Button>} />
      )}
      {days.map(({ day, items: dayVisits }) => (
        <section key={day} className={styles.day}>
          <h2 className={styles.dayHeading}>
            {dayHeading(day, today, locale)}
          </h2>
          <ul className={styles.list}>
            {dayVisits.map((visit) => (
              <VisitItem key={visit.id} visit={visit} timeZone={timeZone} locale={locale} onCancel={onCancel} onAdmitWhenReady={onAdmitWhenReady} lobby={lobbyOf(visit)} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

const countOf = (count: number): string => (count === 1 ? '1 visit' : `${count} visits`);
