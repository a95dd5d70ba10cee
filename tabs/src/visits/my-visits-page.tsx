/**
 * Personal "My visits" tab. For now: who the API thinks you are, and an empty day. The visit list
 * and the lobby queue come with their own issues.
 */
import { Spinner, Text } from '@fluentui/react-components';
import { me } from '../../../bot/src/contracts/api';
import { EmptyState } from '../shared/empty-state';
import { ErrorBar } from '../shared/error-bar';
import type { TabSession } from '../shared/tab-root';
import { useLoad } from '../shared/use-load';

export function MyVisitsPage({ session }: { session: TabSession }) {
  const { api } = session;
  const state = useLoad('me', () => api.get('/api/me', me));
  switch (state.kind) {
    case 'loading':
      return <Spinner label="Loading your visits…" />;
    case 'failed':
      return <ErrorBar error={state.error} />;
    case 'loaded':
      return (
        <>
          <Text>Signed in as {state.value.name}</Text>
          <EmptyState title="No visits scheduled for you today" />
        </>
      );
  }
}
