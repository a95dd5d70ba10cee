/**
 * A local stand-in for the Bot Connector service. The bot sends its replies to the activity's
 * serviceUrl; this server records `POST /v3/conversations/{id}/activities[/{replyToId}]` and answers
 * `{id}` as the real service does, records card updates (`PUT .../activities/{activityId}`), lists a
 * conversation's members (`GET .../pagedmembers`), creates personal chats (`POST /v3/conversations`,
 * answered `201 {id}` as documented: the same member gets the same chat back), and answers with
 * failures a test arranges (`failNext`). Any other request is recorded as unexpected and answered
 * 404, and tests assert there were none.
 *
 * It has two faces where the clients Rounds meets differ:
 * - `teams` (the default), as Microsoft documents the Bot Connector: a 1:1 chat may be created for a
 *   member named by Entra object id, and messages posted into it arrive.
 * - `playground`, as recorded from the Microsoft 365 Agents Playground (0.2.x, its log panel and its
 *   connector code): it creates a chat for any member id (201), but knows people only by their Teams
 *   user ids (`users`), so every message posted into a chat created for anyone else is answered
 *   `500 {"error":{"code":"UserNotFound","message":"User not found"}}`, however often it is retried.
 *   Updating an existing activity works in both.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  /** The id the stand-in gave the activity (what a card action's replyToId names later). */
  id: string;
  conversationId: string;
  replyToId: string | undefined;
  authorization: string | undefined;
  activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: { type: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[] } }[];
    [key: string]: unknown;
  };
}

export interface UpdatedActivity {
  conversationId: string;
  activityId: string;
  activity: SentActivity['activity'];
}

/** A member as the connector lists them (TeamsChannelAccount). */
export interface StandInMember {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
}

/** A failure to answer instead of the usual reply, for the next `times` matching requests. */
export interface ArrangedFailure {
  method?: 'POST' | 'PUT' | 'GET';
  /** Matched against the decoded conversation id; a chat being created is `new:<member id>`. */
  conversationId?: string;
  status: number;
  /** The connector's error code, e.g. BotNotInConversationRoster. */
  code?: string;
  retryAfterSeconds?: number;
  times?: number;
}

/** A conversation the bot asked to create (a proactive personal chat). */
export interface CreatedConversation {
  /** The id the stand-in answered: `a:personal-<member id>`. */
  id: string;
  memberIds: string[];
  tenantId: string | undefined;
  isGroup: boolean | undefined;
  authorization: string | undefined;
}

export type ConnectorFace = 'teams' | 'playground';

export interface StandInOptions {
  face?: ConnectorFace;
  /** Playground face: the Teams user ids it knows (a chat created for another id takes no message). */
  users?: readonly string[];
}

/**
 * The bot's answer to an activity posted in `conversation`: the first activity sent there from index
 * `since` of `sent` on. Not simply `sent[since]`: the job runner's own pass, woken by NOTIFY, may
 * deliver a card to another conversation in between. Typing indicators are not answers: teams-ai
 * sends one when a turn takes longer than a second, as it does on a busy machine.
 */
export function answerIn(sent: SentActivity[], since: number, posted: object): SentActivity {
  const conversationId = (posted as { conversation?: { id?: string } }).conversation?.id;
  const answer = sent.slice(since).find((activity) => activity.conversationId === conversationId && activity.activity.type !== 'typing');
  if (!answer) throw new Error(`no answer in ${String(conversationId)}`);
  return answer;
}

export interface ConnectorStandIn {
  url: string;
  face: ConnectorFace;
  /** What the bot posted that a person keeps: messages and cards. */
  sent: SentActivity[];
  /**
   * Typing indicators, kept apart because a client shows them only until the reply arrives: teams-ai
   * 1.7 sends one when a turn takes longer than a second (its run() starts the timer whatever
   * `startTypingTimer` says), which on a busy machine is any turn.
   */
  typing: SentActivity[];
  updated: UpdatedActivity[];
  created: CreatedConversation[];
  /** Every failure answered, as "METHOD conversationId status". */
  failed: string[];
  unexpected: string[];
  /** Members listed for a conversation (a team's id or a group chat's); none when not set. */
  members: Map<string, StandInMember[]>;
  failNext(failure: ArrangedFailure): void;
  /** Drops arranged failures not used up. */
  clearFailures(): void;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const PAGED_MEMBERS_PATH = /^\/v3\/conversations\/([^/]+)\/pagedmembers(?:\?.*)?$/;
const CONVERSATIONS_PATH = /^\/v3\/conversations\/?$/;

interface CreateParameters {
  isGroup?: boolean;
  tenantId?: string;
  members?: { id?: string }[];
  channelData?: { tenant?: { id?: string } };
}

export async function startConnectorStandIn(options: StandInOptions = {}): Promise<ConnectorStandIn> {
  const face = options.face ?? 'teams';
  const knownUsers = new Set(options.users ?? []);
  /** Chats created for someone the Playground face does not know: posting there fails. */
  const chatsWithStrangers = new Set<string>();
  const sent: SentActivity[] = [];
  const typing: SentActivity[] = [];
  const updated: UpdatedActivity[] = [];
  const created: CreatedConversation[] = [];
  const failed: string[] = [];
  const unexpected: string[] = [];
  const members = new Map<string, StandInMember[]>();
  const failures: (ArrangedFailure & { left: number })[] = [];
  let nextId = 1;

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const arrangedFailure = (method: string, conversationId: string) => {
    const index = failures.findIndex((f) => (!f.method || f.method === method) && (!f.conversationId || f.conversationId === conversationId));
    const failure = failures[index];
    if (!failure) return null;
    if (--failure.left <= 0) failures.splice(index, 1);
    return failure;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? '';
      const url = req.url ?? '';
      const activityMatch = ACTIVITY_PATH.exec(url);
      const membersMatch = PAGED_MEMBERS_PATH.exec(url);
      const create = method === 'POST' && CONVERSATIONS_PATH.test(url) ? (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as CreateParameters) : null;
      const memberIds = (create?.members ?? []).map((member) => member.id ?? '');
      const conversationId = create ? `new:${memberIds.join(',')}` : decodeURIComponent(activityMatch?.[1] ?? membersMatch?.[1] ?? '');
      const failure = activityMatch || membersMatch || create ? arrangedFailure(method, conversationId) : null;
      if (failure) {
        failed.push(`${method} ${conversationId} ${failure.status}`);
        const headers: Record<string, string> = failure.retryAfterSeconds === undefined ? {} : { 'retry-after': String(failure.retryAfterSeconds) };
        json(res, failure.status, { error: { code: failure.code ?? 'ServiceError', message: 'arranged failure' } }, headers);
        return;
      }
      if (create) {
        const id = `a:personal-${memberIds.join(',')}`;
        created.push({ id, memberIds, tenantId: create.tenantId ?? create.channelData?.tenant?.id, isGroup: create.isGroup, authorization: req.headers.authorization });
        if (face === 'playground' && memberIds.some((member) => !knownUsers.has(member))) chatsWithStrangers.add(id);
        json(res, 201, { id });
        return;
      }
      const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentActivity['activity']) : null;
      if (method === 'POST' && activityMatch && chatsWithStrangers.has(conversationId)) {
        failed.push(`${method} ${conversationId} 500`);
        json(res, 500, { error: { code: 'UserNotFound', message: 'User not found' } });
      } else if (method === 'POST' && activityMatch && body) {
        const id = `activity-${nextId++}`;
        const posted = { id, conversationId, replyToId: activityMatch[2] === undefined ? undefined : decodeURIComponent(activityMatch[2]), authorization: req.headers.authorization, activity: body };
        (body.type === 'typing' ? typing : sent).push(posted);
        json(res, 200, { id });
      } else if (method === 'PUT' && activityMatch?.[2] && body) {
        const activityId = decodeURIComponent(activityMatch[2]);
        updated.push({ conversationId, activityId, activity: body });
        json(res, 200, { id: activityId });
      } else if (method === 'GET' && membersMatch) {
        json(res, 200, { members: members.get(conversationId) ?? [] });
      } else {
        unexpected.push(`${method} ${url}`);
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    face,
    sent,
    typing,
    updated,
    created,
    failed,
    unexpected,
    members,
    failNext: (failure) => failures.push({ ...failure, left: failure.times ?? 1 }),
    clearFailures: () => failures.splice(0),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The text of every TextBlock and fact in the adaptive cards of an activity, for readable assertions. */
export function cardText(sent: Pick<SentActivity, 'activity'>): string {
  return (sent.activity.attachments ?? [])
    .flatMap((attachment) => attachment.content.body ?? [])
    .flatMap((element) => [element.text ?? '', ...(element.facts ?? []).map((fact) => `${fact.title} ${fact.value}`)])
    .join('\n');
}
