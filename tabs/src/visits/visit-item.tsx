/** One visit in the day list: when, who, why, its status, and what the clinician can do with it. */
import { Badge, Button, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { VisitDto } from '../../../bot/src/contracts/visits-api';
import { DismissRegular, OpenRegular } from '../shared/icons';
import { CopyPatientLink } from './copy-patient-link';
import { timeRange } from './visit-days';
import { STATUS_COLORS, STATUS_LABELS, isOver } from './visit-status';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    listStyleType: 'none',
  },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalXS },
});

export interface VisitItemProps {
  visit: VisitDto;
  timeZone: string;
  locale: string;
  /** Offers Cancel visit; left out (the Visits channel tab), it is not offered. */
  onCancel?: (visit: VisitDto) => void;
  /** The lobby (wait, devices, Admit…) of a visit whose patient has checked in. */
  lobby?: ReactNode;
  /** Switches "Let them in when I'm ready"; left out, the switch is not shown. */
  onAdmitWhenReady?: (visit: VisitDto, on: boolean) => Promise<void>;
}

export function VisitItem({ visit, timeZone, locale, onCancel, lobby, onAdmitWhenReady }: VisitItemProps) {
  const styles = useStyles();
  const headingId = useId();
  const { patient } = visit;
  const over = isOver(visit.status);
  const clinicians = visit.clinicians.map((clinician) => clinician.name).join(', ');
  const guests = visit.guests.map((guest) => [guest.name, [guest.relationship, guest.language].filter(Boolean).join(', ')].filter(Boolean).join(' (') + (guest.relationship || guest.language ? ')' : '')).join(', ');
  const [switching, setSwitching] = useState(false);

  return (
    <li className={styles.item} aria-labelledby={headingId}>
      <div className={styles.top}>
        <h3 id={headingId} className={styles.heading}>
          <time dateTime={visit.start}>{timeRange(visit, timeZone, locale)}</time> · {patient.name}
        </h3>
        <Badge appearance="tint" color={STATUS_COLORS[visit.status]}>
          {STATUS_LABELS[visit.status]}
        </Badge>
      </div>
      <Text>{patient.mrn ? `MRN ${patient.mrn}` : 'No MRN recorded'}</Text>
      {clinicians && <Text>With {clinicians}</Text>}
      {visit.reason && <Text>Reason: {visit.reason}</Text>}
      {guests && <Text>Guests: {guests}</Text>}
      {lobby}
      {!over && onAdmitWhenReady && (
        <Switch
          label="Let them in when I'm ready (entering the room admits everyone checked in)"
          checked={visit.admitWhenClinicianJoins}
          disabled={switching}
          onChange={(_event, data) => {
            setSwitching(true);
            void onAdmitWhenReady(visit, data.checked).finally(() => setSwitching(false));
          }}
        />
      )}
      {!over && (
        <div className={styles.actions}>
          {visit.clinicianJoinUrl ? (
            <Button as="a" appearance="primary" icon={<OpenRegular />} href={visit.clinicianJoinUrl} target="_blank" rel="noopener noreferrer" aria-label={`Join visit with ${patient.name}`}>
              Join
            </Button>
          ) : (
            // Focusable while disabled, so it can say why.
            <Button appearance="primary" icon={<OpenRegular />} disabledFocusable title="The meeting is still being set up. Refresh in a moment." aria-label={`Join visit with ${patient.name}`}>
              Join
            </Button>
          )}
          <CopyPatientLink url={visit.patientJoinUrl} patientName={patient.name} />
          {onCancel && (
            <Button appearance="subtle" icon={<DismissRegular />} onClick={() => onCancel(visit)} aria-label={`Cancel visit with ${patient.name}`}>
              Cancel visit
            </Button>
          )}
        </div>
      )}
    </li>
  );
}
