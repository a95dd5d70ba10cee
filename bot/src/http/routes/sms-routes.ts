import type { Logger } from 'pino';
import type { Request, Server } from 'restify';
import { AppError } from '../../domain/app-error';
import type { OptOutStore } from '../../domain/notifications/notification-types';
import { isValidTwilioSignature, parseForm, type FormParams } from '../../notify/twilio-signature';
import { route } from '../route';
import { withAuth } from '../route-registry';

interface Deps {
  optOuts: Pick<OptOutStore, 'optOut' | 'optIn'>;
  /** Set when Twilio is the SMS provider: every webhook must carry its signature. */
  twilioAuthToken: string | null;
  /** The base URL Twilio calls (PUBLIC_URL): part of what it signs. */
  publicUrl: string;
  /** Without Twilio, only the local dev service accepts (unsigned) replies, to try STOP and START by hand. */
  devMode: boolean;
  logger: Logger;
}

// Twilio's own opt-out and opt-in keywords: keeping the same lists keeps our record in step with its.
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);

/**
 * An empty TwiML answer: Twilio sends its own STOP/START confirmations, and after a STOP no message
 * of ours may reach the number anyway.
 */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

const single = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

function formOf(req: Request): FormParams {
  // restify's form parser keeps the body as received: the signature is over exactly those fields.
  const raw: unknown = (req as unknown as { rawBody?: unknown }).rawBody;
  if (typeof raw === 'string') return parseForm(raw);
  if (Buffer.isBuffer(raw)) return parseForm(raw.toString('utf8'));
  return {};
}

/** POST /api/sms/inbound: replies to our texts (Twilio's webhook). STOP opts the number out, START back in. */
export function registerSmsRoutes(server: Server, { optOuts, twilioAuthToken, publicUrl, devMode, logger }: Deps): void {
  server.post(
    '/api/sms/inbound',
    withAuth('twilio-signature', route(logger, async (req, res) => {
      if (!twilioAuthToken && !devMode) throw new AppError('not_found', 'SMS replies are received only when Twilio is the SMS provider.');
      const params = formOf(req);
      if (twilioAuthToken && !isValidTwilioSignature(twilioAuthToken, `${publicUrl}${req.url ?? ''}`, params, req.header('x-twilio-signature') || undefined)) {
        logger.warn('SMS webhook refused: bad signature');
        throw new AppError('forbidden', 'The request signature is not valid.');
      }
      const from = single(params.From).trim();
      if (!from) throw new AppError('validation', 'From is required.', { field: 'From' });
      const keyword = single(params.Body).trim().toUpperCase();
      let action: 'opt_out' | 'opt_in' | 'none' = 'none';
      if (OPT_OUT.has(keyword)) {
        await optOuts.optOut(from);
        action = 'opt_out';
      } else if (OPT_IN.has(keyword)) {
        await optOuts.optIn(from);
        action = 'opt_in';
      }
      // The number and the text are the patient's: only the outcome is logged.
      logger.info({ action }, 'SMS reply received');
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(EMPTY_TWIML);
    })),
  );
}
