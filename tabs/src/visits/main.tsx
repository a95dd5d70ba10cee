import { renderTab } from '../shared/render-tab';
import { MyVisitsPage } from './my-visits-page';

renderTab({ title: 'My visits', page: (session) => <MyVisitsPage session={session} /> });
