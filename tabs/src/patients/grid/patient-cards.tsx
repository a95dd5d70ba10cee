/**
 * The narrow view of a rounding list (phones, a Teams pane at 360 px): one card per patient with
 * the list's columns as label/value pairs, the same cells and actions as the grid.
 */
import { Card, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { COLUMN_LABELS, sortRows } from './columns';
import { PatientCell } from './patient-cell';
import { RowActions } from './row-actions';
import type { PatientGridProps } from './patient-grid';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
});

/** The same rows, columns and sort as the grid; cards have one density. */
export type PatientCardsProps = Omit<PatientGridProps, 'compact'>;

export function PatientCards({ rows, columns, listName, sort, onSortChange, context, onOpen, onMessage, onSchedule, onVisits, onMove, onRemove }: PatientCardsProps) {
  const styles = useStyles();
  const details = columns.filter((key) => key !== 'name');
  return (
    <div className={styles.root}>
      <Field label="Sort by">
        <Select
          value={sort ? `${sort.column}:${sort.direction}` : ''}
          onChange={(_, data) => {
            const [column, direction] = data.value.split(':');
            const key = columns.find((c) => c === column);
            if (key) onSortChange({ column: key, direction: direction === 'descending' ? 'descending' : 'ascending' });
          }}
        >
          <option value="">List order</option>
          {columns.flatMap((key) => [
            <option key={`${key}:a`} value={`${key}:ascending`}>
              {COLUMN_LABELS[key]} (ascending)
            </option>,
            <option key={`${key}:d`} value={`${key}:descending`}>
              {COLUMN_LABELS[key]} (descending)
            </option>,
          ])}
        </Select>
      </Field>
      <ul className={styles.list} aria-label={`Patients on ${listName}`}>
        {sortRows(rows, sort, context).map((row) => (
          <li key={row.entryId}>
            <Card size="small">
              <div className={styles.header}>
                <PatientCell column="name" row={row} context={context} onOpen={onOpen} />
                <RowActions row={row} onOpen={onOpen} onMessage={onMessage} onSchedule={onSchedule} onVisits={onVisits} onMove={onMove} onRemove={onRemove} />
              </div>
              {details.length > 0 && (
                <dl className={styles.facts}>
                  {details.map((key) => (
                    <div key={key} className={styles.pair}>
                      <dt className={styles.term}>{COLUMN_LABELS[key]}</dt>
                      <dd className={styles.value}>
                        <PatientCell column={key} row={row} context={context} onOpen={onOpen} />
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
