/** What one cell of a list row shows, by column: the same content in the grid and in the cards. */
import { Badge, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnKey, ListRow } from '../../../../bot/src/contracts/lists-api';
import { COLUMN_LABELS } from './columns';
import { formatAgeSex, formatWhen } from './format';
import type { DisplayContext } from './format';
import { ItemsSummary } from './items-summary';
import { LabsSummary } from './labs-summary';
import { PartValue } from './part-value';
import { VitalsSummary } from './vitals-summary';

const useStyles = makeStyles({
  name: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  // Ward · room · bed on one line, so a screen holds more patients; the whole place is in the tooltip text.
  oneLine: { display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' },
});

export interface PatientCellProps {
  column: ColumnKey;
  row: ListRow;
  context: DisplayContext;
  onOpen: (row: ListRow) => void;
}

export function PatientCell({ column, row, context, onOpen }: PatientCellProps) {
  const styles = useStyles();
  const { summary, source } = row;
  switch (column) {
    case 'name':
      return (
        <span className={styles.name}>
          <Link as="button" onClick={() => onOpen(row)}>
            {summary.patient.name}
          </Link>
          {summary.patient.deceased && (
            <Badge size="small" appearance="tint" color="subtle">
              † deceased
            </Badge>
          )}
        </span>
      );
    case 'mrn':
      return <>{summary.patient.mrn || <span className={styles.muted}>—</span>}</>;
    case 'ageSex':
      return <>{formatAgeSex(summary.patient, context.now) || <span className={styles.muted}>—</span>}</>;
    case 'location':
    case 'attending':
    case 'admittedAt':
      return (
        <PartValue part={summary.encounter} label={COLUMN_LABELS[column]} source={source}>
          {(encounter) => {
            const value = encounter?.[column];
            if (!value) return <span className={styles.muted}>{encounter ? '—' : 'No current encounter'}</span>;
            if (column === 'admittedAt') return formatWhen(value, context);
            return column === 'location' ? (
              <span className={styles.oneLine} title={value}>
                {value}
              </span>
            ) : (
              value
            );
          }}
        </PartValue>
      );
    case 'vitals':
      return (
        <PartValue part={summary.vitals} label="Vitals" source={source}>
          {(vitals) => <VitalsSummary vitals={vitals} context={context} />}
        </PartValue>
      );
    case 'labs':
      return (
        <PartValue part={summary.labs} label="Labs" source={source}>
          {(labs) => <LabsSummary labs={labs} context={context} />}
        </PartValue>
      );
    case 'conditions':
    case 'allergies':
    case 'medications':
    case 'coverage':
      return (
        <PartValue part={summary[column]} label={COLUMN_LABELS[column]} source={source}>
          {(items) => <ItemsSummary items={items} />}
        </PartValue>
      );
  }
}
