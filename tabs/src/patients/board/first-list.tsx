/** First run in a channel: no rounding list exists yet, so say what to do and offer to do it. */
import { Button } from '@fluentui/react-components';
import { EmptyState } from '../../shared/empty-state';
import { AddRegular } from '../../shared/icons';

export function FirstList({ onCreate }: { onCreate: () => void }) {
  return (
    <EmptyState
      title="No rounding lists yet"
      description="A rounding list holds the patients your team sees on a round, e.g. one per ward or per service."
      action={
        <Button appearance="primary" icon={<AddRegular />} onClick={onCreate}>
          Create your first rounding list
        </Button>
      }
    />
  );
}
