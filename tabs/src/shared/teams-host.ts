/**
 * The only module that talks to the Teams host (teams-js). Pages ask it who and where they are,
 * and it answers the same way outside Teams (dev mode, browser tests) from the page URL.
 */
import { app, authentication, pages } from '@microsoft/teams-js';
import { parseTeamsTheme } from './theme';
import type { TeamsTheme } from './theme';

export interface HostContext {
  inTeams: boolean;
  theme: TeamsTheme;
  /** The team's thread id, the same value the bot receives as `channelData.team.id`. */
  teamId?: string;
  channelId?: string;
  tenantId?: string;
  userName?: string;
  locale: string;
}

/** What Teams stores for a configured channel tab. */
export interface TabInstance {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/** teams-js hangs for 60 s inside a non-Teams iframe; nobody waits that long for a tab. */
export const TEAMS_INIT_TIMEOUT_MS = 3000;

/** Connects to Teams when the page looks hosted, else describes the page from its URL. */
export async function initHost(win: Window = window): Promise<HostContext> {
  if (mayBeHosted(win) && (await initializeWithin(TEAMS_INIT_TIMEOUT_MS))) {
    return contextFromTeams();
  }
  return contextFromUrl(win);
}

/** Only call when `inTeams`: the handler is never called outside Teams. */
export function onThemeChange(handler: (theme: TeamsTheme) => void): void {
  app.registerOnThemeChangeHandler((theme) => handler(parseTeamsTheme(theme)));
}

/**
 * The sub-page a deep link opened the tab on: the link's `subEntityId`, which teams-js v2 reports as
 * `page.subPageId`. Only call when `inTeams`; undefined when the tab was opened without one.
 */
export async function deepLinkSubPage(): Promise<string | undefined> {
  return nonEmpty((await app.getContext()).page.subPageId ?? null);
}

/** Teams SSO token for our API; the server exchanges it on-behalf-of the user. */
export function getSsoToken(): Promise<string> {
  return authentication.getAuthToken();
}

/**
 * The address Teams saved for this tab when its settings page opens again (Settings on an existing
 * tab); undefined while the tab is being added. Only call when `inTeams`.
 */
export async function savedTabUrl(): Promise<string | undefined> {
  return nonEmpty((await pages.getConfig()).contentUrl ?? null);
}

/** Enables or disables the Save button of Teams' tab configuration dialog. */
export function setConfigValid(valid: boolean): void {
  pages.config.setValidityState(valid);
}

/**
 * Runs `save` when the user presses Save in Teams' tab configuration dialog. Teams creates the tab
 * only after `save` resolves; otherwise it shows `describeFailure(error)` in its dialog.
 */
export function onConfigSave(save: () => Promise<TabInstance>, describeFailure: (error: unknown) => string): void {
  pages.config.registerOnSaveHandler((event) => {
    void save()
      .then((instance) => pages.config.setConfig(instance))
      .then(
        () => event.notifySuccess(),
        (error: unknown) => event.notifyFailure(describeFailure(error)),
      );
  });
}

/** A top-level window that nobody opened cannot be a Teams tab: skip teams-js and its timeout. */
function mayBeHosted(win: Window): boolean {
  return win.parent !== win.self || Boolean(win.opener) || Boolean(Reflect.get(win, 'nativeInterface'));
}

async function initializeWithin(timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const initialized = app.initialize().then(
    () => true,
    // Rejection means "not hosted by Teams" (e.g. no parent window): the page then runs in dev mode.
    () => false,
  );
  try {
    return await Promise.race([initialized, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function contextFromTeams(): Promise<HostContext> {
  const context = await app.getContext();
  // Dismisses Teams' loading indicator in case the manifest turns it on; the pages show their own.
  app.notifySuccess().catch((error: unknown) => console.warn('Teams did not accept notifySuccess', error));
  return {
    inTeams: true,
    theme: parseTeamsTheme(context.app.theme),
    teamId: context.team?.internalId,
    channelId: context.channel?.id,
    tenantId: context.user?.tenant?.id,
    userName: context.user?.displayName ?? context.user?.userPrincipalName,
    locale: context.app.locale,
  };
}

/** Dev mode: `?theme=dark&teamId=...&channelId=...` stand in for what Teams would tell us. */
function contextFromUrl(win: Window): HostContext {
  const params = new URLSearchParams(win.location.search);
  return {
    inTeams: false,
    theme: parseTeamsTheme(params.get('theme')),
    teamId: nonEmpty(params.get('teamId')),
    channelId: nonEmpty(params.get('channelId')),
    locale: win.navigator.language,
  };
}

/** `?teamId=` with nothing after it counts as missing. */
function nonEmpty(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
