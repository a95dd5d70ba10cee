/** Entry helper shared by every page's main.tsx: mounts the TabRoot on the page's #root element. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TabRoot } from './tab-root';
import type { TabRootProps } from './tab-root';

export function renderTab({ title, page, wide }: TabRootProps): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('Tab page is missing its <div id="root"> element');
  createRoot(container).render(
    <StrictMode>
      <TabRoot title={title} page={page} wide={wide} />
    </StrictMode>,
  );
}
