import type { Logger } from 'pino';
import type { Request, Server } from 'restify';
import { AppError } from '../../domain/shared/app-error';
import type { OptOutStore, SmsReplyStore } from '../../domain/notifications/notification-types';
import { handleSmsReply } from '../../notify/sms-replies';
import { isValidTwilioSignature, parseForm, type FormParams } from '../../notify/twilio-signature';
import { route } from '../route';
import { withAuth } from '../route-registry';

interface Deps {
  optOuts: Pick<OptOutStore, 'optOut' | 'optIn' | 'isOptedOut'>;
  /** Y/N answers to the invitation and how often Rounds answered back. */
  replies: SmsReplyStore;
  now?: () => Date;
  /** Set when Twilio is the SMS provider: every webhook must carry its signature. */
  twilioAuthToken: string | null;
  /** The base URL Twilio calls (PUBLIC_URL): part of what it signs. */
  publicUrl: string;
  /** Without Twilio, only the local dev service accepts (unsigned) replies, to try STOP and START by hand. */
  devMode: boolean;
  logger: Logger;
}

/**
 * TwiML: Twilio sends the one message in it back to the number, or nothing (it sends its own STOP/START
 * confirmations, and after a STOP no message of ours may reach the number anyway).
 */
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const twiml = (answer: string | null): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${answer === null ? '' : `<Message>${escapeXml(answer)}</Message>`}</Response>`;

const single = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

function formOf(req: Request): FormParams {
  // restify's form parser keeps the body as received: the signature is over exactly those fields.
  const raw: unknown = (req as unknown as { rawBody?: unknown }).rawBody;
  if (typeof raw === 'string') return parseForm(raw);
  if (Buffer.isBuffer(raw)) return parseForm(raw.toString('utf8'));
  return {};
}

/**
 * POST /api/sms/inbound: replies to our texts (Twilio's webhook). STOP opts the number out, START back
 * in; Y and N confirm the number's next visit or ask to cancel it (notify/sms-replies.ts).
 */
export function registerSmsRoutes(server: Server, { optOuts, replies, now = () => new Date(), twilioAuthToken, publicUrl, devMode, logger }: Deps): void {
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
      const { action, answer } = await handleSmsReply({ replies, optOuts, now }, from, single(params.Body));
      // The number and the text are the patient's: only the outcome is logged.
      logger.info({ action, answered: answer !== null }, 'SMS reply received');
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(twiml(answer));
    })),
  );
}
