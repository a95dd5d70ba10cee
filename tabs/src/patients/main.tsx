import { renderTab } from '../shared/render-tab';
import { PatientsPage } from './patients-page';

renderTab({ title: 'Patients', page: (session) => <PatientsPage session={session} />, wide: true });
