/**
 * Starts a tab page: finds the host (Teams or a plain browser), connects to the API, follows Teams
 * theme changes, then renders the page inside the app shell with everything it needs.
 */
import { Spinner } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { connectApi, toApiError } from './api-client';
import type { ApiClient } from './api-client';
import type { ApiError } from './api-error';
import { AppShell } from './app-shell';
import { ErrorBar } from './error-bar';
import { getSsoToken, initHost, onThemeChange } from './teams-host';
import type { HostContext } from './teams-host';
import { STARTING_THEME, loadFluentTheme } from './theme';
import type { TeamsTheme } from './theme';

/** What every page receives: where it runs and a client for the API. */
export interface TabSession {
  host: HostContext;
  api: ApiClient;
}

type Boot =
  | { stage: 'starting' }
  | { stage: 'ready'; session: TabSession }
  | { stage: 'failed'; host?: HostContext; error: ApiError };

export interface TabRootProps {
  title: string;
  page: (session: TabSession) => ReactNode;
  /** See AppShell's `wide`. */
  wide?: boolean;
}

export function TabRoot({ title, page, wide }: TabRootProps) {
  const [boot, setBoot] = useState<Boot>({ stage: 'starting' });
  const [theme, setTheme] = useState<Theme>(STARTING_THEME);

  useEffect(() => {
    let live = true;
    // The latest theme Teams named wins, whichever download finishes first.
    let wanted: TeamsTheme = 'default';
    const follow = (next: TeamsTheme) => {
      wanted = next;
      loadFluentTheme(next).then(
        (loaded) => {
          if (live && wanted === next) setTheme(loaded);
        },
        // A theme that cannot be downloaded leaves the page readable in the one it has.
        () => undefined,
      );
    };
    void start().then((result) => {
      if (!live) return;
      setBoot(result);
      const host = hostOf(result);
      if (host) follow(host.theme);
      if (host?.inTeams) {
        onThemeChange((next) => {
          if (live) follow(next);
        });
      }
    });
    return () => {
      live = false;
    };
  }, []);

  const host = hostOf(boot);
  return (
    <AppShell
      title={title}
      theme={theme}
      outsideTeams={host?.inTeams === false}
      apiDevMode={boot.stage === 'ready' && boot.session.api.config.devMode}
      wide={wide}
    >
      {boot.stage === 'starting' && <Spinner label="Starting Rounds…" />}
      {boot.stage === 'failed' && <ErrorBar error={boot.error} />}
      {boot.stage === 'ready' && page(boot.session)}
    </AppShell>
  );
}

async function start(): Promise<Boot> {
  let host: HostContext | undefined;
  try {
    host = await initHost();
    const api = await connectApi({ inTeams: host.inTeams, getToken: getSsoToken });
    return { stage: 'ready', session: { host, api } };
  } catch (error) {
    return { stage: 'failed', host, error: toApiError(error) };
  }
}

function hostOf(boot: Boot): HostContext | undefined {
  switch (boot.stage) {
    case 'starting':
      return undefined;
    case 'ready':
      return boot.session.host;
    case 'failed':
      return boot.host;
  }
}
