import type { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse } from 'botbuilder';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { z } from 'zod/v4';
import { AppError } from '../domain/shared/app-error';
import type { RoundsTurnState } from '../teams/turn-state';
import { parseInput } from './parse-input';
import { route } from './route';
import { withAuth } from './route-registry';

const text = (name: string) => z.string({ error: `${name} must be text` }).max(10_000, `${name} is too long`);
const optionalText = (name: string) => text(name).optional();
const account = (name: string) =>
  z.looseObject({ id: text(`${name}.id`), name: z.string({ error: `${name}.name must be text` }).optional(), aadObjectId: optionalText(`${name}.aadObjectId`) }, { error: `${name} must be an object` });

const httpUrl = z
  .string({ error: 'serviceUrl is required' })
  .max(2000, 'serviceUrl is too long')
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  }, 'serviceUrl must be an http(s) URL');

/**
 * What an activity must look like before the adapter and the bot see it: botbuilder and teams-ai
 * throw on much less (a serviceUrl that is no URL, a text that is an object, ...), which would be a
 * 500 carrying their error's text. Anything else it carries passes through as it came.
 */
const activityEnvelope = z.looseObject({
  type: z.string({ error: 'type is required' }).min(1, 'type is required').max(100, 'type is too long'),
  id: optionalText('id'),
  serviceUrl: httpUrl,
  channelId: optionalText('channelId'),
  conversation: z.looseObject(
    { id: text('conversation.id').min(1, 'conversation.id is required'), tenantId: optionalText('conversation.tenantId'), conversationType: optionalText('conversation.conversationType') },
    { error: 'conversation is required' },
  ),
  from: account('from').optional(),
  recipient: account('recipient').optional(),
  text: z.string({ error: 'text must be text' }).max(100_000, 'text is too long').optional(),
  textFormat: optionalText('textFormat'),
  locale: optionalText('locale'),
  name: optionalText('name'),
  replyToId: optionalText('replyToId'),
  timestamp: optionalText('timestamp'),
  localTimestamp: optionalText('localTimestamp'),
  localTimezone: optionalText('localTimezone'),
  channelData: z.looseObject({}, { error: 'channelData must be an object' }).optional(),
  entities: z.array(z.looseObject({}), { error: 'entities must be a list of objects' }).optional(),
  attachments: z.array(z.looseObject({ contentType: optionalText('attachments.contentType') }), { error: 'attachments must be a list of objects' }).optional(),
  membersAdded: z.array(account('membersAdded'), { error: 'membersAdded must be a list' }).optional(),
  membersRemoved: z.array(account('membersRemoved'), { error: 'membersRemoved must be a list' }).optional(),
});

/** Dates as botbuilder's own validateAndFixActivity makes them. */
function toActivity(envelope: z.infer<typeof activityEnvelope>): Activity {
  const activity = { ...envelope } as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

type Logic = Parameters<TeamsAdapter['processActivityDirect']>[2];

/**
 * CloudAdapter.process, less its error answers (which carry the error's text): the same
 * processActivity it calls (protected in the typings, public in use).
 */
const processActivity = (adapter: TeamsAdapter) =>
  (adapter as unknown as { processActivity(auth: string, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> }).processActivity.bind(adapter);

const isAuthenticationError = (error: unknown) => (error as { statusCode?: unknown } | null)?.statusCode === 401;

/**
 * POST /api/messages: the Bot Framework endpoint, answering as the Bot Framework does: a malformed
 * activity is 400, a missing or bad token 401, and when the token cannot be checked (the OpenID
 * metadata or keys are unreachable) 503, so the channel retries. No answer carries an error's text.
 */
export function registerBotRoutes(server: Server, adapter: TeamsAdapter, app: Application<RoundsTurnState>, logger: Logger): void {
  server.post(
    '/api/messages',
    withAuth(
      'bot',
      route(logger, async (req, res) => {
        const activity = toActivity(parseInput(activityEnvelope, req.body));
        let turnStarted = false;
        let invokeResponse: InvokeResponse | undefined;
        try {
          invokeResponse = await processActivity(adapter)(req.header('authorization') ?? '', activity, async (context) => {
            turnStarted = true;
            await app.run(context);
          });
        } catch (error) {
          if (isAuthenticationError(error)) throw new AppError('unauthenticated', 'The request does not carry a valid Bot Framework token.');
          // Before the turn, only the token check runs: it failed for want of the metadata or keys.
          if (!turnStarted) throw new AppError('unavailable', 'The request cannot be authenticated right now. Try again later.', { cause: error });
          throw error;
        }
        res.status(invokeResponse?.status ?? 200);
        if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
        else res.end();
      }),
    ),
  );
}
