/**
 * Who may frame Rounds' pages: Teams loads tabs (and clinicians open rooms) in an iframe from these
 * origins; everyone else may not. The CSP `frame-ancestors` source list of the tab pages and the room page.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.teams.cloud.microsoft',
  'https://*.teams.microsoft.us',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
].join(' ');
