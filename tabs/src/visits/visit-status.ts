/** How each visit status reads on screen, what the status filter offers, and what can still be done. */
import type { BadgeProps } from '@fluentui/react-components';
import type { VisitStatus } from './my-visits-api';

export const STATUS_LABELS: Record<VisitStatus, string> = {
  pending: 'Setting up meeting',
  scheduled: 'Scheduled',
  waiting: 'Patient waiting',
  in_visit: 'In visit',
  completed: 'Completed',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

export const STATUS_COLORS: Record<VisitStatus, NonNullable<BadgeProps['color']>> = {
  pending: 'informative',
  scheduled: 'brand',
  waiting: 'warning',
  in_visit: 'success',
  completed: 'subtle',
  no_show: 'severe',
  cancelled: 'danger',
};

export type StatusFilter = 'live' | 'scheduled' | 'waiting' | 'in_visit' | 'completed' | 'no_show' | 'cancelled' | 'all';

/** `statuses` null: the API's default, every visit but cancelled ones. */
export const STATUS_FILTERS: readonly { value: StatusFilter; label: string; statuses: readonly VisitStatus[] | null }[] = [
  { value: 'live', label: 'All but cancelled', statuses: null },
  // A pending visit is a scheduled one whose meeting is still being created.
  { value: 'scheduled', label: 'Scheduled', statuses: ['pending', 'scheduled'] },
  { value: 'waiting', label: 'Patient waiting', statuses: ['waiting'] },
  { value: 'in_visit', label: 'In visit', statuses: ['in_visit'] },
  { value: 'completed', label: 'Completed', statuses: ['completed'] },
  { value: 'no_show', label: 'No-show', statuses: ['no_show'] },
  { value: 'cancelled', label: 'Cancelled', statuses: ['cancelled'] },
  { value: 'all', label: 'Any status', statuses: ['pending', 'scheduled', 'waiting', 'in_visit', 'completed', 'no_show', 'cancelled'] },
];

export function statusesOf(filter: StatusFilter): readonly VisitStatus[] | null {
  return STATUS_FILTERS.find((option) => option.value === filter)?.statuses ?? null;
}

/** Cancelled, completed and no-show visits are over: their links no longer work and nothing can change. */
export const isOver = (status: VisitStatus): boolean => status === 'cancelled' || status === 'completed' || status === 'no_show';
