/**
 * Personal tab "On call": who answers for each role right now, and the week's shifts by day in the
 * viewer's time zone, with Add shift, Edit and Remove. Messages addressed to a role ("Cardiology on
 * call") reach whoever this roster puts on duty when they are sent.
 */
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ShiftDto } from '../../../bot/src/contracts/roster-api';
import { browserClock } from '../shared/clock';
import type { Clock } from '../shared/clock';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { ErrorBar } from '../shared/error-bar';
import { AddRegular, ArrowClockwiseRegular } from '../shared/icons';
import type { TabSession } from '../shared/tab-root';
import { useReloadable } from '../shared/use-reloadable';
import { dayHeading, dayOf } from '../visits/visit-days';
import { shiftTimes, weekFrom } from './local-time';
import { OnDutyNow } from './on-duty-now';
import { fetchRoster, removeShift } from './roster-api';
import { ShiftFormDialog } from './shift-form-dialog';
import { WeekShifts } from './week-shifts';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** A dialog stays mounted while it closes (see ShiftFormDialog); `key` starts each opening afresh. */
type Opened<T> = { value: T; open: boolean; key: number };

export function OnCallPage({ session, clock = browserClock }: { session: TabSession; clock?: Clock }) {
  const styles = useStyles();
  const { api, host } = session;
  const { timeZone } = clock;
  const [now, setNow] = useState(clock.now);
  const [form, setForm] = useState<Opened<ShiftDto | null>>();
  const [removing, setRemoving] = useState<Opened<ShiftDto>>();
  const range = weekFrom(now);
  const { state, reload, refreshError } = useReloadable(`${range.from}/${range.to}`, () => fetchRoster(api, range));

  const today = dayOf(now, timeZone);
  const open = <T,>(value: T, previous: Opened<unknown> | undefined): Opened<T> => ({ value, open: true, key: (previous?.key ?? 0) + 1 });
  const close = <T,>(current: Opened<T> | undefined) => current && { ...current, open: false };

  /** On-duty answers move with the clock: a new day moves the week (and the load key), else load again. */
  function refresh() {
    const fresh = clock.now();
    if (dayOf(fresh, timeZone) !== today) setNow(fresh);
    else void reload();
  }

  const addButton = (
    <Button appearance="primary" icon={<AddRegular />} onClick={() => setForm((previous) => open(null, previous))}>
      Add shift
    </Button>
  );
  const error = refreshError ?? (state.kind === 'failed' ? state.error : undefined);

  return (
    <>
      <div className={styles.toolbar}>
        {addButton}
        <Button icon={<ArrowClockwiseRegular />} onClick={refresh}>
          Refresh
        </Button>
      </div>
      <Text size={200}>Times are in your time zone, {timeZone}.</Text>

      {error && <ErrorBar error={error} />}
      {state.kind === 'loading' && <Spinner label="Loading the roster…" />}
      {state.kind === 'loaded' && (
        <>
          <OnDutyNow roles={state.value.roles} today={today} timeZone={timeZone} locale={host.locale} />
          <WeekShifts
            shifts={state.value.shifts}
            today={today}
            timeZone={timeZone}
            locale={host.locale}
            addAction={addButton}
            onEdit={(shift) => setForm((previous) => open(shift, previous))}
            onRemove={(shift) => setRemoving((previous) => open(shift, previous))}
          />
        </>
      )}

      {form && (
        <ShiftFormDialog
          key={form.key}
          api={api}
          shift={form.value}
          open={form.open}
          roles={state.kind === 'loaded' ? state.value.roles.map((role) => role.role) : []}
          now={clock.now()}
          timeZone={timeZone}
          onSaved={() => void reload()}
          onClose={() => setForm(close)}
        />
      )}
      {removing && (
        <ConfirmDialog
          key={removing.key}
          open={removing.open}
          title="Remove this shift?"
          message={`${removing.value.role}: ${removing.value.person.name}, ${dayHeading(dayOf(new Date(removing.value.start), timeZone), today, host.locale)}, ${shiftTimes(removing.value, timeZone, host.locale)}. Messages to the role no longer reach ${removing.value.person.name} at that time.`}
          confirmLabel="Remove shift"
          onConfirm={async () => {
            await removeShift(api, removing.value.id);
            void reload();
          }}
          onClose={() => setRemoving(close)}
        />
      )}
    </>
  );
}
