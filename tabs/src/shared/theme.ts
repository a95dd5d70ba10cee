/** Teams theme names and their Fluent UI v9 counterparts. Pure: no Teams SDK, no DOM. */
import { teamsLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** Teams reports the theme as a free string; anything it may add later falls back to the light theme. */
export function parseTeamsTheme(value: string | null | undefined): TeamsTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** The light theme every page starts in, before Teams has said which one the user has. */
export const STARTING_THEME: Theme = teamsLightTheme;

/**
 * The Fluent theme for a Teams theme. The dark and high-contrast themes are downloaded only by those
 * who use them: each is a few kilobytes every page would otherwise load before showing anything.
 */
export async function loadFluentTheme(theme: TeamsTheme): Promise<Theme> {
  switch (theme) {
    case 'dark':
      return (await import('./theme-dark')).teamsDarkTheme;
    case 'contrast':
      return (await import('./theme-contrast')).teamsHighContrastTheme;
    case 'default':
      return teamsLightTheme;
  }
}
