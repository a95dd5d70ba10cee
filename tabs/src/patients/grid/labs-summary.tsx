/** The latest labs in one line (K, Na, Cr, Urea, Glu, Hb, WBC, Plt and when), out-of-range ones flagged in words, stale ones labelled. */
import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { LabResultDto } from '../../../../bot/src/contracts/lists-api';
import { LAB_SHORT, latestTakenAt } from './columns';
import { formatWhen } from './format';
import type { DisplayContext } from './format';
import { ValueFlag, flagWords } from './value-flag';

const useStyles = makeStyles({
  root: { display: 'inline-flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  lab: { whiteSpace: 'nowrap' },
  name: { color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXXS },
  stale: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  when: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  badge: { marginLeft: tokens.spacingHorizontalXXS },
});

export function LabsSummary({ labs, context }: { labs: readonly LabResultDto[]; context: DisplayContext }) {
  const styles = useStyles();
  if (labs.length === 0) return <span className={styles.when}>None recorded</span>;
  const latest = latestTakenAt(labs);
  return (
    <span className={styles.root}>
      {labs.map((lab) => (
        <span key={lab.code} className={mergeClasses(styles.lab, lab.stale && styles.stale)} title={`${lab.label} ${lab.display}${lab.flag ? ` (${flagWords(lab.flag).toLowerCase()})` : ''}, taken ${formatWhen(lab.takenAt, context)}`}>
          <abbr className={styles.name} title={lab.label}>
            {LAB_SHORT[lab.code]}
          </abbr>
          {lab.display}
          <ValueFlag flag={lab.flag} />
          {lab.stale && (
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
