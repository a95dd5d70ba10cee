/** The order lists appear in the picker: the channel's default first, then by name. */
import type { RoundingList } from '../../../../bot/src/contracts/lists-api';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function orderLists(lists: readonly RoundingList[]): RoundingList[] {
  return [...lists].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || collator.compare(a.name, b.name));
}

/** The list to show: the one the user picked while it still exists, else the default, else the first. */
export function pickList(ordered: readonly RoundingList[], chosenId: string | undefined): RoundingList | undefined {
  return ordered.find((list) => list.id === chosenId) ?? ordered.find((list) => list.isDefault) ?? ordered[0];
}
