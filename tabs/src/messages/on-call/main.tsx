import { renderTab } from '../../shared/render-tab';
import { OnCallPage } from './on-call-page';

renderTab({ title: 'On call', page: (session) => <OnCallPage session={session} /> });
