/** Loaded on demand by theme.ts, so only users of the dark theme download it. */
export { teamsDarkTheme } from '@fluentui/react-components';
