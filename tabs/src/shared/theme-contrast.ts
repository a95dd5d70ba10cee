/** Loaded on demand by theme.ts, so only users of the high-contrast theme download it. */
export { teamsHighContrastTheme } from '@fluentui/react-components';
