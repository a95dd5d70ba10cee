/** Vitals in one line (HR, BP, T, RR, SpO2 and when), out-of-range ones flagged in words, stale ones set apart and labelled. */
import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { VitalSignDto } from '../../../../bot/src/contracts/lists-api';
import { VITAL_SHORT, latestTakenAt, orderedVitals } from './columns';
import { formatWhen } from './format';
import type { DisplayContext } from './format';
import { ValueFlag, flagWords } from './value-flag';

const useStyles = makeStyles({
  root: { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  vital: { whiteSpace: 'nowrap' },
  name: { color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXXS },
  stale: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  when: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  badge: { marginLeft: tokens.spacingHorizontalXXS },
});

export function VitalsSummary({ vitals, context }: { vitals: readonly VitalSignDto[]; context: DisplayContext }) {
  const styles = useStyles();
  if (vitals.length === 0) return <span className={styles.when}>None recorded</span>;
  const latest = latestTakenAt(vitals);
  return (
    <span className={styles.root}>
      {orderedVitals(vitals).map((vital) => (
        <span key={vital.code} className={mergeClasses(styles.vital, vital.stale && styles.stale)} title={`${vital.display}${vital.flag ? ` (${flagWords(vital.flag).toLowerCase()})` : ''}, taken ${formatWhen(vital.takenAt, context)}`}>
          <span className={styles.name}>{VITAL_SHORT[vital.code]}</span>
          {vital.display}
          <ValueFlag flag={vital.flag} />
          {vital.stale && (
            <Badge size="small" appearance="outline" color="warning" className={styles.badge}>
              stale
            </Badge>
          )}
        </span>
      ))}
      {latest && <span className={styles.when}>at {formatWhen(latest, context)}</span>}
    </span>
  );
}
