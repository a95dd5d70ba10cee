/**
 * Entry helper shared by every page's main.tsx: mounts the TabRoot on the page's #root element. The
 * page's own code is a separate download, started at once so it arrives while Teams and the API
 * start: the frame and its spinner show without waiting for it.
 */
import { Spinner } from '@fluentui/react-components';
import { Component, StrictMode, Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBar } from './error-bar';
import { TabRoot } from './tab-root';
import type { TabRootProps, TabSession } from './tab-root';

export interface TabEntry extends Omit<TabRootProps, 'page'> {
  /** The page's module, e.g. `() => import('./patients-page').then(...)`. */
  load: () => Promise<TabRootProps['page']>;
}

/** A page whose code could not be downloaded (offline, or a deploy replaced it) says so instead of going blank. */
class PageLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (this.state.failed) return <ErrorBar error={{ message: 'Rounds could not load this page. Check your connection, then reload the tab.' }} />;
    return this.props.children;
  }
}

export function renderTab({ load, ...root }: TabEntry): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('Tab page is missing its <div id="root"> element');
  const loading = load();
  // Handled by the boundary once the page renders; not an unhandled rejection before that.
  loading.catch(() => undefined);
  const Page = lazy(async () => {
    const render = await loading;
    return { default: ({ session }: { session: TabSession }) => render(session) };
  });
  createRoot(container).render(
    <StrictMode>
      <TabRoot
        {...root}
        page={(session) => (
          <PageLoadBoundary>
            <Suspense fallback={<Spinner label="Loading…" />}>
              <Page session={session} />
            </Suspense>
          </PageLoadBoundary>
        )}
      />
    </StrictMode>,
  );
}
