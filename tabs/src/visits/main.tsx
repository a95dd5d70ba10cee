import { renderTab } from '../shared/render-tab';

renderTab({
  title: 'My visits',
  load: async () => {
    const { MyVisitsPage } = await import('./my-visits-page');
    return (session) => <MyVisitsPage session={session} />;
  },
});
