/** A list part (conditions, allergies...) in a cell: how many, then the first few as short text. */
import { CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import type { ClinicalItemDto } from '../../../../bot/src/contracts/lists-api';
import { itemsText } from './columns';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0, maxWidth: '100%' },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  none: { color: tokens.colorNeutralForeground3 },
});

export function ItemsSummary({ items }: { items: readonly ClinicalItemDto[] }) {
  const styles = useStyles();
  if (items.length === 0) return <span className={styles.none}>None recorded</span>;
  const text = itemsText(items);
  return (
    <span className={styles.root} title={text}>
      <CounterBadge count={items.length} size="small" appearance="ghost" color="informative" />
      <span className={styles.text}>{text}</span>
    </span>
  );
}
