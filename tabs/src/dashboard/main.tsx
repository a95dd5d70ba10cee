import { renderTab } from '../shared/render-tab';

renderTab({
  title: 'Dashboard',
  wide: true,
  load: async () => {
    const { DashboardPage } = await import('./dashboard-page');
    return (session) => <DashboardPage session={session} />;
  },
});
