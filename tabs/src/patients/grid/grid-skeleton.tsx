/** Placeholder rows while a list loads, shaped like the grid so nothing jumps when it arrives. */
import { Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: '2fr 1fr 1fr 3fr', gap: tokens.spacingHorizontalM },
});

export function GridSkeleton({ rows = 5, label = 'Loading patients…' }: { rows?: number; label?: string }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label={label} className={styles.root}>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className={styles.row}>
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </div>
      ))}
    </Skeleton>
  );
}
