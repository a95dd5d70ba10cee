/**
 * The page a patient's link opens (/lobby/<token>): the built lobby page, the same for every link.
 * It asks the lobby API what to show, so a dead link reveals nothing about any visit.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { sendBuiltPage } from '../built-page';
import { route } from '../route';
import { withAuth } from '../route-registry';

// Everything the page needs comes from Rounds itself; media for the device check only.
const LOBBY_CSP =
  "default-src 'self'; script-src 'self'; img-src 'self'; style-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function registerLobbyRoutes(server: Server, { tabsDir, logger }: { tabsDir: string; logger: Logger }): void {
  server.get(
    '/lobby/:token',
    withAuth(
      'public',
      route(logger, async (_req, res) => {
        await sendBuiltPage(res, tabsDir, 'lobby.html', {
          'content-security-policy': LOBBY_CSP,
          'referrer-policy': 'no-referrer',
          'x-robots-tag': 'noindex, nofollow',
          'permissions-policy': 'camera=(self), microphone=(self)',
        });
      }),
    ),
  );
}
