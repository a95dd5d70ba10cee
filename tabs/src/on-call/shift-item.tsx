/** One shift in the week's list: when, which role, who and their backup, and Edit / Remove. */
import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ShiftDto } from '../../../bot/src/contracts/roster-api';
import { DeleteRegular, EditRegular } from '../shared/icons';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    listStyleType: 'none',
  },
  text: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export interface ShiftItemProps {
  shift: ShiftDto;
  /** "08:00–20:00" in the viewer's zone. */
  times: string;
  onEdit: (shift: ShiftDto) => void;
  onRemove: (shift: ShiftDto) => void;
}

export function ShiftItem({ shift, times, onEdit, onRemove }: ShiftItemProps) {
  const styles = useStyles();
  const headingId = useId();
  const what = `${shift.role} shift of ${shift.person.name}, ${times}`;

  return (
    <li className={styles.item} aria-labelledby={headingId}>
      <div className={styles.text}>
        <div className={styles.top}>
          <h4 id={headingId} className={styles.heading}>
            <time dateTime={shift.start}>{times}</time> · {shift.role}
          </h4>
          {shift.onDutyNow && (
            <Badge appearance="tint" color="success">
              On duty now
            </Badge>
          )}
        </div>
        <Text>
          {shift.person.name}
          {shift.backup ? ` · Backup: ${shift.backup.name}` : ' · No backup'}
        </Text>
      </div>
      <div className={styles.actions}>
        <Button appearance="subtle" icon={<EditRegular />} onClick={() => onEdit(shift)} aria-label={`Edit ${what}`}>
          Edit
        </Button>
        <Button appearance="subtle" icon={<DeleteRegular />} onClick={() => onRemove(shift)} aria-label={`Remove ${what}`}>
          Remove
        </Button>
      </div>
    </li>
  );
}
