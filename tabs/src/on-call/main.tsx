import { renderTab } from '../shared/render-tab';

renderTab({
  title: 'On call',
  load: async () => {
    const { OnCallPage } = await import('./on-call-page');
    return (session) => <OnCallPage session={session} />;
  },
});
