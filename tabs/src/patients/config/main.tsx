import { renderTab } from '../../shared/render-tab';

renderTab({
  title: 'Rounds tab settings',
  load: async () => {
    const { PatientsConfigPage } = await import('./patients-config-page');
    return (session) => <PatientsConfigPage session={session} />;
  },
});
