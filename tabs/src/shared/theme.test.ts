import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import { loadFluentTheme, parseTeamsTheme } from './theme';

describe('loadFluentTheme', () => {
  it.each([
    ['default', teamsLightTheme],
    ['dark', teamsDarkTheme],
    ['contrast', teamsHighContrastTheme],
  ] as const)('maps the Teams theme %s to its Fluent theme', async (teamsTheme, fluentTheme) => {
    expect(await loadFluentTheme(teamsTheme)).toBe(fluentTheme);
  });
});

describe('parseTeamsTheme', () => {
  it('keeps the three themes Teams knows', () => {
    expect(parseTeamsTheme('default')).toBe('default');
    expect(parseTeamsTheme('dark')).toBe('dark');
    expect(parseTeamsTheme('contrast')).toBe('contrast');
  });

  it('falls back to the light theme for a missing or unknown value', () => {
    expect(parseTeamsTheme(undefined)).toBe('default');
    expect(parseTeamsTheme(null)).toBe('default');
    expect(parseTeamsTheme('sepia')).toBe('default');
  });
});
