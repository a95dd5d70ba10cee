/** Measurements in one line (vitals, labs): each value with its flag in words, stale ones set apart and labelled, then when. */
import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ValueFlagDto } from '../../../../bot/src/contracts/lists-api';
import { latestTakenAt } from './columns';
import { formatWhen } from './format';
import type { DisplayContext } from './format';
import { ValueFlag, flagWords } from './value-flag';

export interface Reading {
  key: string;
  /** "HR", "K". */
  short: string;
  /** The full name, when the short one needs spelling out ("Potassium"). */
  label?: string;
  display: string;
  flag: ValueFlagDto | null;
  stale: boolean;
  takenAt: string;
}

const useStyles = makeStyles({
  root: { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  reading: { whiteSpace: 'nowrap' },
  name: { color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXXS },
  stale: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  when: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  badge: { marginLeft: tokens.spacingHorizontalXXS },
});

export function ReadingsSummary({ readings, context }: { readings: readonly Reading[]; context: DisplayContext }) {
  const styles = useStyles();
  if (readings.length === 0) return <span className={styles.when}>None recorded</span>;
  const latest = latestTakenAt(readings);
  return (
    <span className={styles.root}>
      {readings.map((reading) => (
        <span
          key={reading.key}
          className={mergeClasses(styles.reading, reading.stale && styles.stale)}
          title={`${reading.label ? `${reading.label} ` : ''}${reading.display}${reading.flag ? ` (${flagWords(reading.flag).toLowerCase()})` : ''}, taken ${formatWhen(reading.takenAt, context)}`}
        >
          {reading.label ? (
            <abbr className={styles.name} title={reading.label}>
              {reading.short}
            </abbr>
          ) : (
            <span className={styles.name}>{reading.short}</span>
          )}
          {reading.display}
          <ValueFlag flag={reading.flag} />
          {reading.stale && (
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
