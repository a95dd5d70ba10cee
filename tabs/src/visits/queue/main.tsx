import { renderTab } from '../../shared/render-tab';

renderTab({
  title: 'Visits',
  load: async () => {
    const { VisitsQueuePage } = await import('./visits-queue-page');
    return (session) => <VisitsQueuePage session={session} />;
  },
});
