/**
 * The patient's upcoming visits booked from this list, each with its patient link: a family call's
 * bedside link opens on the ward's device, or is copied; Family call and Follow-up book another.
 */
import { Button, Link, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { VisitDto } from '../../../../bot/src/contracts/visits-api';
import { ErrorBar } from '../../shared/error-bar';
import { CalendarArrowRightRegular, VideoPersonRegular } from '../../shared/icons';
import type { Reloadable } from '../../shared/use-reloadable';
import { CopyPatientLink } from '../../visits/copy-patient-link';
import type { ScheduleKind } from '../visits/schedule-kind';
import { useSectionFocus } from './use-section-focus';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

const TYPE_NAMES: Record<string, string> = { 'family-call': 'Family call', 'follow-up': 'Follow-up', video: 'Video visit' };

export interface VisitsSectionProps {
  visits: Reloadable<VisitDto[]>;
  patientName: string;
  clock: (iso: string) => string;
  onSchedule: (kind: ScheduleKind) => void;
  /** Opened from a row's "Visits and bedside link": scrolls into view and takes focus once loaded. */
  focus: boolean;
}

export function VisitsSection({ visits, patientName, clock, onSchedule, focus }: VisitsSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const { state } = visits;
  const section = useSectionFocus(focus, state.kind !== 'loading');

  return (
    // Focusable (not in the tab order) so the row's "Visits and bedside link" can bring the reader here.
    <section aria-labelledby={headingId} className={styles.section} ref={section} tabIndex={-1}>
      <Subtitle2 as="h3" id={headingId}>
        Visits
      </Subtitle2>
      <div className={styles.actions}>
        <Button icon={<VideoPersonRegular />} onClick={() => onSchedule('family-call')}>
          Family call
        </Button>
        <Button icon={<CalendarArrowRightRegular />} onClick={() => onSchedule('follow-up')}>
          Follow-up
        </Button>
      </div>
      {state.kind === 'loading' && <Spinner size="tiny" label="Loading visits…" />}
      {state.kind === 'failed' && <ErrorBar error={state.error} />}
      {state.kind === 'loaded' && state.value.length === 0 && <Text className={styles.muted}>No visits booked from this list.</Text>}
      {state.kind === 'loaded' && state.value.length > 0 && (
        <ul className={styles.list}>
          {state.value.map((visit) => (
            <li key={visit.id} className={styles.item}>
              <Text>
                {TYPE_NAMES[visit.visitType ?? 'video'] ?? 'Visit'} · {clock(visit.start)} · {visit.durationMinutes} min
                {visit.guests.length > 0 ? ` · ${visit.guests.map((guest) => guest.name).join(', ')}` : ''}
                {visit.status === 'cancelled' ? ' · cancelled' : ''}
              </Text>
              {visit.status !== 'cancelled' && (
                <span className={styles.actions}>
                  <Link href={visit.patientJoinUrl} target="_blank" rel="noopener noreferrer">
                    {visit.visitType === 'family-call' ? 'Open bedside link' : 'Open patient link'}
                  </Link>
                  <CopyPatientLink url={visit.patientJoinUrl} patientName={patientName} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
