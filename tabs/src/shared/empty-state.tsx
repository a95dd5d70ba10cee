/** A quiet placeholder for a list that has nothing in it yet. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    justifyContent: 'center',
    padding: tokens.spacingVerticalXXL,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    textAlign: 'center',
  },
});

export function EmptyState({ title }: { title: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Text weight="semibold">{title}</Text>
    </div>
  );
}
