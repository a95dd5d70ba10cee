import { renderTab } from '../../shared/render-tab';
import { PatientsConfigPage } from './patients-config-page';

renderTab({ title: 'Patients tab settings', page: (session) => <PatientsConfigPage session={session} /> });
