/**
 * The page a patient's link opens. It says when the visit is and with whom, nothing clinical; a
 * forged, revoked or unknown link gets the same friendly page with no detail about any visit.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { VisitService } from '../../domain/visits/visit-service';
import type { Visit } from '../../domain/visits/visit-types';
import { pathParam } from '../parse-input';
import { route } from '../route';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f5f5f5;color:#242424}main{max-width:32rem;margin:auto;background:#fff;padding:1.5rem;border-radius:8px}h1{font-size:1.4rem}</style>
</head><body><main>${body}</main></body></html>`;
}

function visitPage(visit: Visit): string {
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: visit.timeZone }).format(visit.start);
  const withWhom = visit.clinicians.map((clinician) => clinician.name).join(', ') || 'your care team';
  return page(
    'Your video visit',
    `<h1>Your video visit</h1><p>${escape(when)} (${escape(visit.timeZone)}), with ${escape(withWhom)}.</p>
<p>Keep this link. Open it again a few minutes before your visit: you will wait here until your clinician lets you in. Nothing to install.</p>`,
  );
}

const UNKNOWN = page(
  'Link not valid',
  '<h1>This link is not valid any more</h1><p>Your visit may have been moved or cancelled. Please use the newest message you received, or call the clinic.</p>',
);

export function registerLobbyRoutes(server: Server, { visits, logger }: { visits: VisitService; logger: Logger }): void {
  server.get(
    '/lobby/:token',
    route(logger, async (req, res) => {
      const visit = await visits.visitForLink(pathParam(req, 'token'));
      res.writeHead(visit ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(visit ? visitPage(visit) : UNKNOWN);
    }),
  );
}
