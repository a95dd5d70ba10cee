/** The week's shifts by the day they start on, in the viewer's zone. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useId } from 'react';
import type { ShiftDto } from '../../../bot/src/contracts/roster-api';
import { EmptyState } from '../shared/empty-state';
import { dayHeading, groupByDay } from '../visits/visit-days';
import { shiftTimes } from './local-time';
import { ShiftItem } from './shift-item';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  day: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  dayHeading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
});

export interface WeekShiftsProps {
  shifts: readonly ShiftDto[];
  today: string;
  timeZone: string;
  locale: string;
  /** The Add shift button the empty week offers. */
  addAction: ReactNode;
  onEdit: (shift: ShiftDto) => void;
  onRemove: (shift: ShiftDto) => void;
}

export function WeekShifts({ shifts, today, timeZone, locale, addAction, onEdit, onRemove }: WeekShiftsProps) {
  const styles = useStyles();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <h2 id={headingId} className={styles.heading}>
        This week
      </h2>
      {shifts.length === 0 && <EmptyState title="No shifts this week" description="Add who is on call for each role, day and night." action={addAction} />}
      {groupByDay(shifts, timeZone, false).map(({ day, items }) => (
        <section key={day} className={styles.day}>
          <h3 className={styles.dayHeading}>{dayHeading(day, today, locale)}</h3>
          <ul className={styles.list}>
            {items.map((shift) => (
              <ShiftItem key={shift.id} shift={shift} times={shiftTimes(shift, timeZone, locale)} onEdit={onEdit} onRemove={onRemove} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
