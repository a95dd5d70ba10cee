import { renderTab } from '../shared/render-tab';

renderTab({
  title: 'Message templates',
  load: async () => {
    const { TemplatesPage } = await import('./templates-page');
    return (session) => <TemplatesPage session={session} />;
  },
});
