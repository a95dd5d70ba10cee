/**
 * The wide view of a rounding list: a Fluent DataGrid, one row per patient, the list's columns,
 * sortable headers and arrow-key navigation (composite focus: Enter steps into a cell's controls).
 */
import {
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  createTableColumn,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { TableColumnDefinition, TableColumnId } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { ColumnKey, ListRow } from '../../../../bot/src/contracts/lists-api';
import { useVisuallyHiddenStyles } from '../../shared/visually-hidden';
import { COLUMN_LABELS, compareBy } from './columns';
import type { RowSort } from './columns';
import type { DisplayContext } from './format';
import { PatientCell } from './patient-cell';
import { RowActions } from './row-actions';
import type { RowActionHandlers } from './row-actions';

const ACTIONS = 'actions';

const useStyles = makeStyles({
  // Many columns do not fit a narrow Teams pane: the grid fills the width it has, and scrolls sideways
  // (rather than squeezing cells below their minimum) once the columns' minimums no longer fit.
  scroller: { overflowX: 'auto' },
  grid: { minWidth: 'min-content' },
  cell: { minWidth: '96px', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  // Compact rows: every cell one line, the rest behind an ellipsis (the full text stays in each title).
  compactCell: {
    paddingTop: 0,
    paddingBottom: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    '& *': { flexWrap: 'nowrap' },
  },
  // The name stays in view while the other columns scroll sideways: a row must say whose it is.
  name: {
    flexGrow: 1.6,
    minWidth: '170px',
    position: 'sticky',
    left: 0,
    zIndex: 1,
    // The row's own colour (hover and selection included), opaque so scrolled cells pass underneath.
    backgroundColor: 'inherit',
    boxShadow: `${tokens.strokeWidthThin} 0 0 ${tokens.colorNeutralStroke2}`,
  },
  wide: { flexGrow: 2.6, minWidth: '240px' },
  list: { flexGrow: 1.6, minWidth: '160px' },
  actions: { flexGrow: 0, flexBasis: '48px', minWidth: '48px' },
  // Rows are transparent by default; the sticky name cell inherits this, and Fluent's :hover still wins.
  row: { backgroundColor: tokens.colorNeutralBackground1 },
});

export interface PatientGridProps extends RowActionHandlers {
  /** Rows already filtered; the grid sorts them. */
  rows: readonly ListRow[];
  columns: readonly ColumnKey[];
  listName: string;
  sort: RowSort | undefined;
  onSortChange: (sort: RowSort) => void;
  context: DisplayContext;
  /** One line per patient, so a ward fits on one screen. */
  compact?: boolean;
}

export function PatientGrid({ rows, columns, listName, sort, onSortChange, context, compact = false, onOpen, onMessage, onSchedule, onVisits, onMove, onRemove }: PatientGridProps) {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const cellClass = (id: TableColumnId) => mergeClasses(styles.cell, compact && styles.compactCell, widthClass(String(id)));
  const widthClass = (id: string) => {
    switch (id) {
      case 'name':
        return styles.name;
      case 'vitals':
      case 'labs':
        return styles.wide;
      case 'conditions':
      case 'allergies':
      case 'medications':
      case 'coverage':
        return styles.list;
      case ACTIONS:
        return styles.actions;
      default:
        return undefined;
    }
  };

  const definitions = useMemo<TableColumnDefinition<ListRow>[]>(
    () => [
      ...columns.map((key) =>
        createTableColumn<ListRow>({
          columnId: key,
          compare: compareBy(key, context),
          renderHeaderCell: () => COLUMN_LABELS[key],
          renderCell: (row) => <PatientCell column={key} row={row} context={context} onOpen={onOpen} />,
        }),
      ),
      // No `compare`: Fluent leaves a column without one out of sorting.
      createTableColumn<ListRow>({
        columnId: ACTIONS,
        renderHeaderCell: () => <span className={hidden.hidden}>Actions</span>,
        renderCell: (row) => <RowActions row={row} size={compact ? 'small' : 'medium'} onOpen={onOpen} onMessage={onMessage} onSchedule={onSchedule} onVisits={onVisits} onMove={onMove} onRemove={onRemove} />,
      }),
    ],
    [columns, context, compact, onOpen, onMessage, onSchedule, onVisits, onMove, onRemove, hidden.hidden],
  );

  return (
    <div className={styles.scroller}>
      <DataGrid
        className={styles.grid}
        size={compact ? 'extra-small' : 'medium'}
        items={[...rows]}
        columns={definitions}
        getRowId={(row: ListRow) => row.entryId}
        sortable
        sortState={sort ? { sortColumn: sort.column, sortDirection: sort.direction } : { sortColumn: undefined, sortDirection: 'ascending' }}
        onSortChange={(_, next) => {
          const column = columns.find((key) => key === next.sortColumn);
          if (column) onSortChange({ column, direction: next.sortDirection });
        }}
        focusMode="composite"
        aria-label={`Patients on ${listName}`}
      >
        <DataGridHeader>
          <DataGridRow className={styles.row}>
            {({ renderHeaderCell, columnId }) => (
              <DataGridHeaderCell className={cellClass(columnId)}>{renderHeaderCell()}</DataGridHeaderCell>
            )}
          </DataGridRow>
        </DataGridHeader>
        <DataGridBody<ListRow>>
          {({ item, rowId }) => (
            <DataGridRow<ListRow> key={rowId} className={styles.row}>
              {({ renderCell, columnId }) => (
                // Cells that may hold a control (name link, warning tooltip, menu) let Enter step inside.
                <DataGridCell className={cellClass(columnId)} focusMode={columnId === 'mrn' || columnId === 'ageSex' ? 'cell' : 'group'}>
                  {renderCell(item)}
                </DataGridCell>
              )}
            </DataGridRow>
          )}
        </DataGridBody>
      </DataGrid>
    </div>
  );
}
