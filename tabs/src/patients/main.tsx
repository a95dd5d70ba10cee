import { renderTab } from '../shared/render-tab';

renderTab({
  title: 'Patients',
  wide: true,
  load: async () => {
    const { PatientsPage } = await import('./patients-page');
    return (session) => <PatientsPage session={session} />;
  },
});
