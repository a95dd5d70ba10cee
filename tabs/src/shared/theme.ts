/** Teams theme names and their Fluent UI v9 counterparts. Pure: no Teams SDK, no DOM. */
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** Teams reports the theme as a free string; anything it may add later falls back to the light theme. */
export function parseTeamsTheme(value: string | null | undefined): TeamsTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export function fluentThemeFor(theme: TeamsTheme): Theme {
  switch (theme) {
    case 'dark':
      return teamsDarkTheme;
    case 'contrast':
      return teamsHighContrastTheme;
    case 'default':
      return teamsLightTheme;
  }
}
