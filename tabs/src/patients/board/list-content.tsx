/**
 * The list on screen: skeleton while it loads, its rows as a grid (wide screens) or cards (narrow),
 * filtered by the filter box, or a message saying why there is nothing to show.
 */
import { Button } from '@fluentui/react-components';
import { Suspense, lazy } from 'react';
import type { ColumnKey, ListView } from '../../../../bot/src/contracts/lists-api';
import { EmptyState } from '../../shared/empty-state';
import { ErrorBar } from '../../shared/error-bar';
import { PersonAddRegular } from '../../shared/icons';
import { useMediaQuery } from '../../shared/use-media-query';
import type { LoadState } from '../../shared/use-load';
import { filterRows } from '../grid/columns';
import type { RowSort } from '../grid/columns';
import type { DisplayContext } from '../grid/format';
import { GridSkeleton } from '../grid/grid-skeleton';
import type { RowActionHandlers } from '../grid/row-actions';

// Each layout is downloaded when first shown: a phone never loads the grid, a desktop never the cards.
const PatientCards = lazy(() => import('../grid/patient-cards').then((module) => ({ default: module.PatientCards })));
const PatientGrid = lazy(() => import('../grid/patient-grid').then((module) => ({ default: module.PatientGrid })));

/** Below this width the grid's columns no longer fit side by side: cards read better. */
export const NARROW_QUERY = '(max-width: 640px)';

export interface ListContentProps extends RowActionHandlers {
  state: LoadState<ListView | undefined>;
  columns: readonly ColumnKey[];
  /** One line per patient in the grid; the cards of a narrow screen are already dense. */
  compact: boolean;
  filter: string;
  sort: RowSort | undefined;
  onSortChange: (sort: RowSort) => void;
  context: DisplayContext;
  onAddPatient: () => void;
}

export function ListContent({ state, columns, compact, filter, sort, onSortChange, context, onAddPatient, ...actions }: ListContentProps) {
  const narrow = useMediaQuery(NARROW_QUERY);
  if (state.kind === 'failed') return <ErrorBar error={state.error} />;
  if (state.kind === 'loading' || !state.value) return <GridSkeleton />;
  const { list, rows } = state.value;
  if (rows.length === 0) {
    return (
      <EmptyState
        title={`No patients on ${list.name} yet`}
        description="Add the patients you will see on this round."
        action={
          <Button appearance="primary" icon={<PersonAddRegular />} onClick={onAddPatient}>
            Add patient
          </Button>
        }
      />
    );
  }
  const shown = filterRows(rows, columns, filter, context);
  if (shown.length === 0) return <EmptyState title={`No patients match “${filter.trim()}”`} description="The filter looks at the columns shown." />;
  const common = { rows: shown, columns, listName: list.name, sort, onSortChange, context, ...actions };
  return <Suspense fallback={<GridSkeleton />}>{narrow ? <PatientCards {...common} /> : <PatientGrid {...common} compact={compact} />}</Suspense>;
}
