/**
 * Says that a visit was booked from a row, with the patient's link: for a family call the ward opens
 * it on the bedside device (Open bedside link) or passes it on (Copy patient link).
 */
import { Button, Link, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { DismissRegular } from '../../shared/icons';
import { CopyPatientLink } from '../../visits/copy-patient-link';

export interface ScheduledVisit {
  text: string;
  patientName: string;
  patientJoinUrl: string;
  bedside: boolean;
}

export function ScheduledNotice({ scheduled, onDismiss }: { scheduled: ScheduledVisit; onDismiss: () => void }) {
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        {scheduled.text}{' '}
        {scheduled.bedside && (
          <Link href={scheduled.patientJoinUrl} target="_blank" rel="noopener noreferrer">
            Open bedside link
          </Link>
        )}
      </MessageBarBody>
      <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={onDismiss} />}>
        <CopyPatientLink url={scheduled.patientJoinUrl} patientName={scheduled.patientName} />
      </MessageBarActions>
    </MessageBar>
  );
}
