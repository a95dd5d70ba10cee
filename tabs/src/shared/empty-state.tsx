/** A quiet placeholder for a list that has nothing in it yet, optionally saying what to do about it. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXL,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    textAlign: 'center',
  },
});

export interface EmptyStateProps {
  title: string;
  description?: string;
  /** The one thing to do next, usually a primary button. */
  action?: ReactNode;
}

export function EmptyState({ title, description, action }: EmptyStateProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Text weight="semibold">{title}</Text>
      {description && <Text>{description}</Text>}
      {action}
    </div>
  );
}
