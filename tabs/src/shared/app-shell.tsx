/**
 * The frame of every tab page: Fluent theme, page title, and banners that say when the page is
 * not running the way it will in production (outside Teams, or against an unauthenticated API).
 */
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Title3, makeStaticStyles, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface AppShellProps {
  title: string;
  theme: Theme;
  /** True only once we know Teams is not hosting the page. */
  outsideTeams: boolean;
  /** The API said `devMode: true` in /api/client-config. */
  apiDevMode: boolean;
  /** Lift the reading-width limit, for pages built around a wide grid. */
  wide?: boolean;
  children: ReactNode;
}

// The provider paints the theme's background; the browser's default body margin would frame it in white.
const useBodyStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  // Layout lives on a div inside the provider, not on the provider: FluentProvider copies its className
  // to every portal mount node (tooltips, menus, dialogs), and a full-height padded portal node would
  // lie over the whole page and swallow its clicks.
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalXL },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '960px' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Pages with a wide table (the Patients grid) use the whole tab.
  wide: { maxWidth: 'none' },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function AppShell({ title, theme, outsideTeams, apiDevMode, wide = false, children }: AppShellProps) {
  useBodyStyles();
  const styles = useStyles();
  return (
    <FluentProvider theme={theme}>
      <div className={styles.root}>
        <div className={mergeClasses(styles.stack, wide && styles.wide)}>
          {/* The banners sit in the header landmark so screen readers find them with the title. */}
          <header className={styles.header}>
            <Title3 as="h1">{title}</Title3>
            {outsideTeams && (
              <MessageBar intent="info" data-testid="dev-banner">
                <MessageBarBody>
                  <MessageBarTitle>Dev mode: running outside Microsoft Teams</MessageBarTitle>
                  Teams context comes from the address bar: add ?teamId=…&amp;channelId=… and ?theme=dark or ?theme=contrast.
                </MessageBarBody>
              </MessageBar>
            )}
            {apiDevMode && (
              <MessageBar intent="warning" data-testid="api-dev-mode-banner">
                <MessageBarBody>
                  <MessageBarTitle>The Rounds API is in dev mode</MessageBarTitle>
                  It does not check who you are and only answers on this computer (loopback). Never use it with real patient data.
                </MessageBarBody>
              </MessageBar>
            )}
          </header>
          <main className={styles.main}>{children}</main>
        </div>
      </div>
    </FluentProvider>
  );
}
