/**
 * A local stand-in for Microsoft Entra ID's token endpoint, Graph's onlineMeetings API and the Teams
 * app catalog and installs (fake-graph-installs.ts), checking
 * requests against Microsoft's documented contract (docs/…/anchors.md §3.1–3.5): client-credentials
 * form, paths, methods, a bearer token it issued, JSON bodies (createOrGet needs externalId; PATCH
 * moves times only with both; lobbyBypassSettings takes only the documented scopes, and the evolvable
 * ones `invited` and `organizationExcludingGuests` only with `Prefer: include-unknown-enum-members`).
 * createOrGet answers 201 the first time per (organizer, externalId), then 200 with the same meeting.
 * A DELETEd meeting is gone: its join link opens nothing (`joinable`), a second DELETE is 404. Anything off-contract is answered 400/404 and recorded in
 * `unexpected`, which tests assert empty. `failNext` makes the next requests fail as Graph does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeInstalls, TEAMS_APP_ID } from './fake-graph-installs';

export { TEAMS_APP_ID } from './fake-graph-installs';

export type GraphFault = 'throttle' | 'no-policy' | 'server-error' | 'unavailable' | 'unauthorized';

export interface FakeGraphRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or the form fields for token requests. */
  body: unknown;
  status: number;
}

export interface FakeMeeting {
  id: string;
  organizerId: string;
  externalId: string;
  subject: string | null;
  startDateTime: string;
  endDateTime: string;
  attendees: unknown[];
  lobbyBypassSettings: { scope: string; isDialInBypassEnabled: boolean };
  allowedPresenters: string;
  joinWebUrl: string;
  deleted: boolean;
}

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '0f4a2c55-6f1b-4c39-9d1e-5f7a0c2b8e11';
export const CLIENT_SECRET = 'fake-graph-secret~1';
export const ORGANIZER_ID = 'aaaaaaaa-0000-0000-0000-00000000000a';

const LOBBY_SCOPES = ['organizer', 'organization', 'organizationAndFederated', 'everyone', 'invited', 'organizationExcludingGuests'];
/** Members of the evolvable enum Graph accepts only when the client asks for them (Prefer: include-unknown-enum-members). */
const EVOLVABLE_SCOPES = ['invited', 'organizationExcludingGuests'];
const PRESENTERS = ['everyone', 'organization', 'roleIsPresenter', 'organizer'];
const ROLES = ['attendee', 'presenter', 'coorganizer'];
const CREATE_FIELDS = ['externalId', 'subject', 'startDateTime', 'endDateTime', 'participants', 'chatInfo'];
const PATCH_FIELDS = ['subject', 'startDateTime', 'endDateTime', 'participants', 'lobbyBypassSettings', 'allowedPresenters', 'isEntryExitAnnounced', 'allowMeetingChat'];
const FAULTS: Record<GraphFault, { status: number; code: string; message: string }> = {
  throttle: { status: 429, code: 'TooManyRequests', message: 'Too many requests.' },
  'no-policy': { status: 403, code: 'Forbidden', message: 'No application access policy found for this app.' },
  'server-error': { status: 500, code: 'UnknownError', message: 'An unknown error occurred.' },
  unavailable: { status: 503, code: 'ServiceUnavailable', message: 'Service unavailable.' },
  unauthorized: { status: 401, code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' },
};

/** `catalog`: the manifest ids published in the organisation's app catalog (Rounds' by default). */
export async function startFakeGraph(options: { users?: string[]; catalog?: string[] } = {}) {
  const users = new Set([ORGANIZER_ID, ...(options.users ?? [])]);
  const installs = createFakeInstalls(users, options.catalog ?? [TEAMS_APP_ID]);
  const requests: FakeGraphRequest[] = [];
  const unexpected: string[] = [];
  const tokensIssued: string[] = [];
  const revoked = new Set<string>();
  const meetings: FakeMeeting[] = [];
  type Queued = { fault: GraphFault; retryAfter?: number };
  const faults: { graph: Queued[]; token: Queued[] } = { graph: [], token: [] };
  const state = { tokenLifetimeSeconds: 3599 };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname;
      const isToken = path.endsWith('/oauth2/v2.0/token');
      const body = isToken ? Object.fromEntries(new URLSearchParams(text)) : json(text);
      const record: FakeGraphRequest = { method: req.method ?? '', path, headers: req.headers, body, status: 0 };
      requests.push(record);
      const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        record.status = status;
        const requestId = randomUUID();
        const clientRequestId = String(req.headers['client-request-id'] ?? requestId);
        const type = payload === undefined ? {} : { 'content-type': 'application/json' };
        res.writeHead(status, { 'request-id': requestId, 'client-request-id': clientRequestId, ...type, ...headers });
        res.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      const graphError = (status: number, code: string, message: string, headers?: Record<string, string>) =>
        send(status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } }, headers);
      const reject = (status: number, why: string) => {
        unexpected.push(`${record.method} ${path}: ${why}`);
        graphError(status, status === 404 ? 'NotFound' : 'BadRequest', why);
      };
      const injected = (queue: Queued[]) => {
        const next = queue.shift();
        if (!next) return false;
        const { status, code, message } = FAULTS[next.fault];
        graphError(status, code, message, next.retryAfter === undefined ? {} : { 'retry-after': String(next.retryAfter) });
        return true;
      };
      if (isToken) return token(record, send, reject, () => injected(faults.token));
      const authorized = () => {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!bearer || !tokensIssued.includes(bearer)) reject(401, 'no bearer token issued by this fake');
        else if (revoked.has(bearer)) graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
        else return true;
        return false;
      };
      const contentType = req.headers['content-type'];
      const exchange = { method: record.method, path, query: url.searchParams, text, body, contentType, authorized, injected: () => injected(faults.graph), send, graphError, reject };
      if (installs.handle(exchange)) return;

      const match = /^\/v1\.0\/users\/([^/]+)\/onlineMeetings(?:\/([^/]+))?$/.exec(path);
      if (!match) return reject(404, 'no such Graph path');
      const userId = decodeURIComponent(match[1]!);
      const meetingId = match[2] === undefined ? null : decodeURIComponent(match[2]);
      const route = `${record.method} ${meetingId === 'createOrGet' ? 'createOrGet' : meetingId === null ? 'collection' : 'meeting'}`;
      if (!['POST createOrGet', 'PATCH meeting', 'DELETE meeting'].includes(route)) return reject(404, `not a call Rounds should make (${route})`);
      if (!authorized()) return;
      if (record.method === 'DELETE' ? text !== '' : !isObject(body) || !contentType?.startsWith('application/json')) {
        return reject(400, 'body must be a JSON object sent as application/json (none on DELETE)');
      }
      const evolvable = String(req.headers.prefer ?? '').includes('include-unknown-enum-members');
      const problem = isObject(body) ? (route === 'POST createOrGet' ? createProblem(body) : patchProblem(body, evolvable)) : null;
      if (problem) return reject(400, problem);
      if (injected(faults.graph)) return;
      if (!users.has(userId)) return graphError(404, 'NotFound', 'The requested user was not found.');

      if (route === 'POST createOrGet' && isObject(body)) {
        const existing = meetings.find((m) => m.organizerId === userId && m.externalId === body.externalId && !m.deleted);
        if (existing) return send(200, view(existing));
        const start = typeof body.startDateTime === 'string' ? new Date(body.startDateTime) : new Date();
        const end = typeof body.endDateTime === 'string' ? new Date(body.endDateTime) : new Date(start.getTime() + 3_600_000);
        const participants = isObject(body.participants) ? body.participants : {};
        const subject = typeof body.subject === 'string' ? body.subject : null;
        const meeting = newMeeting(userId, String(body.externalId), subject, start, end, asArray(participants.attendees));
        meetings.push(meeting);
        return send(201, view(meeting));
      }
      const meeting = meetings.find((m) => m.id === meetingId && m.organizerId === userId && !m.deleted);
      if (!meeting) return graphError(404, 'NotFound', 'The specified meeting was not found.');
      if (record.method === 'DELETE') {
        meeting.deleted = true;
        return send(204);
      }
      if (isObject(body)) {
        if (typeof body.startDateTime === 'string') meeting.startDateTime = new Date(body.startDateTime).toISOString();
        if (typeof body.endDateTime === 'string') meeting.endDateTime = new Date(body.endDateTime).toISOString();
        if (isObject(body.lobbyBypassSettings)) Object.assign(meeting.lobbyBypassSettings, body.lobbyBypassSettings);
        if (typeof body.allowedPresenters === 'string') meeting.allowedPresenters = body.allowedPresenters;
        if (typeof body.subject === 'string') meeting.subject = body.subject;
      }
      return send(200, view(meeting));
    });
  });

  type Send = (status: number, body?: unknown) => void;
  function token(record: FakeGraphRequest, send: Send, reject: (status: number, why: string) => void, injected: () => boolean) {
    const form = record.body as Record<string, string>;
    if (record.method !== 'POST' || !String(record.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return reject(400, 'token request must be a form POST');
    }
    if (form.grant_type !== 'client_credentials' || form.scope !== 'https://graph.microsoft.com/.default' || !form.client_id || !form.client_secret) {
      return reject(400, 'token form needs grant_type=client_credentials, client_id, client_secret and scope=https://graph.microsoft.com/.default');
    }
    if (injected()) return;
    const entra = (status: number, error: string, code: number) =>
      send(status, { error, error_description: `AADSTS${code}: fake.`, error_codes: [code], trace_id: randomUUID(), correlation_id: randomUUID() });
    if (record.path !== `/${TENANT_ID}/oauth2/v2.0/token`) return entra(400, 'invalid_request', 90002);
    if (form.client_id !== CLIENT_ID) return entra(400, 'unauthorized_client', 700016);
    if (form.client_secret !== CLIENT_SECRET) return entra(401, 'invalid_client', 7000215);
    const accessToken = `fake-graph-token-${tokensIssued.length + 1}-${randomBytes(6).toString('hex')}`;
    tokensIssued.push(accessToken);
    send(200, { token_type: 'Bearer', expires_in: state.tokenLifetimeSeconds, ext_expires_in: state.tokenLifetimeSeconds, access_token: accessToken });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    config: {
      kind: 'graph' as const,
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      organizerId: ORGANIZER_ID,
      graphBaseUrl: `${origin}/v1.0`,
      authorityUrl: origin,
    },
    /** Settings for the bot installer: the same Entra app, and Rounds' manifest id. */
    appInstallConfig: { tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, teamsAppId: TEAMS_APP_ID, graphBaseUrl: `${origin}/v1.0`, authorityUrl: origin },
    users,
    requests,
    unexpected,
    tokensIssued,
    meetings,
    /** Whether a join link opens a meeting: one that exists and was not deleted (as Teams would). */
    joinable: (joinWebUrl: string) => meetings.some((m) => m.joinWebUrl === joinWebUrl && !m.deleted),
    catalogApps: installs.catalogApps,
    installations: installs.installations,
    denyInstall: installs.denyInstall,
    state,
    graphRequests: () => requests.filter((r) => r.path.startsWith('/v1.0/')),
    tokenRequests: () => requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token')),
    /** The next `count` Graph (or token) requests fail with `fault`, after the contract checks. */
    failNext(count: number, fault: GraphFault, opts: { retryAfterSeconds?: number; target?: 'graph' | 'token' } = {}) {
      for (let i = 0; i < count; i++) faults[opts.target ?? 'graph'].push({ fault, retryAfter: opts.retryAfterSeconds });
    },
    /** Every token issued so far is refused from now on, as after a key rollover. */
    revokeTokens: () => tokensIssued.forEach((t) => revoked.add(t)),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };

  function newMeeting(organizerId: string, externalId: string, subject: string | null, start: Date, end: Date, attendees: unknown[]): FakeMeeting {
    const thread = `19:meeting_${randomBytes(24).toString('base64url')}@thread.v2`;
    // Graph's ids are opaque base64 of "1*<organizer>*0**<thread id>" (so they may end in "=").
    const id = Buffer.from(`1*${organizerId}*0**${thread}`).toString('base64');
    const context = encodeURIComponent(JSON.stringify({ Tid: TENANT_ID, Oid: organizerId }));
    const joinWebUrl = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=${context}`;
    const [startDateTime, endDateTime] = [start.toISOString(), end.toISOString()];
    // Teams' defaults for a new meeting: the organisation bypasses the lobby, everyone presents.
    const lobbyBypassSettings = { scope: 'organization', isDialInBypassEnabled: false };
    return { id, organizerId, externalId, subject, startDateTime, endDateTime, attendees, lobbyBypassSettings, allowedPresenters: 'everyone', joinWebUrl, deleted: false };
  }

  function view(m: FakeMeeting) {
    return {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${m.organizerId}')/onlineMeetings/$entity`,
      id: m.id,
      externalId: m.externalId,
      subject: m.subject,
      creationDateTime: new Date().toISOString(),
      // Graph writes seven fractional digits.
      startDateTime: m.startDateTime.replace('Z', '0000Z'),
      endDateTime: m.endDateTime.replace('Z', '0000Z'),
      joinWebUrl: m.joinWebUrl,
      videoTeleconferenceId: null,
      isEntryExitAnnounced: true,
      allowedPresenters: m.allowedPresenters,
      lobbyBypassSettings: m.lobbyBypassSettings,
      joinMeetingIdSettings: { isPasscodeRequired: true, joinMeetingId: '3141592653', passcode: 'Xy7aB2' },
      chatInfo: { threadId: decodeURIComponent(m.joinWebUrl.split('/')[5]!), messageId: '0', replyChainMessageId: null },
      participants: {
        organizer: { upn: null, role: 'presenter', identity: { user: { id: m.organizerId, displayName: null, tenantId: TENANT_ID, identityProvider: 'AAD' } } },
        attendees: m.attendees,
      },
      joinInformation: { content: 'data:text/html,%3cdiv%3eJoin%3c%2fdiv%3e', contentType: 'html' },
    };
  }
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;

function createProblem(body: Record<string, unknown>): string | null {
  if (typeof body.externalId !== 'string' || body.externalId === '') return 'externalId is required';
  return unknownFields(body, CREATE_FIELDS) ?? timesProblem(body, false) ?? participantsProblem(body.participants);
}

function patchProblem(body: Record<string, unknown>, evolvable: boolean): string | null {
  if ('participants' in body && isObject(body.participants) && 'organizer' in body.participants) return 'the organizer cannot be changed';
  const lobby = body.lobbyBypassSettings;
  if (lobby !== undefined && (!isObject(lobby) || !LOBBY_SCOPES.includes(lobby.scope as string) || typeof lobby.isDialInBypassEnabled !== 'boolean')) {
    return 'lobbyBypassSettings needs a known scope and a boolean isDialInBypassEnabled';
  }
  if (isObject(lobby)) {
    const extra = unknownFields(lobby, ['scope', 'isDialInBypassEnabled']);
    if (extra) return `lobbyBypassSettings: ${extra}`;
    if (EVOLVABLE_SCOPES.includes(lobby.scope as string) && !evolvable) return `lobbyBypassSettings.scope ${String(lobby.scope)} needs Prefer: include-unknown-enum-members`;
  }
  if (body.allowedPresenters !== undefined && !PRESENTERS.includes(body.allowedPresenters as string)) return 'unknown allowedPresenters';
  return unknownFields(body, PATCH_FIELDS) ?? timesProblem(body, true) ?? participantsProblem(body.participants);
}

/** createOrGet: start alone is fine (end = start + 1 h); PATCH: both or neither. Never end before start. */
function timesProblem(body: Record<string, unknown>, bothOrNeither: boolean): string | null {
  const { startDateTime: start, endDateTime: end } = body;
  for (const value of [start, end]) if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) return 'times must be ISO 8601 strings';
  if (bothOrNeither && (start === undefined) !== (end === undefined)) return 'changing times needs both startDateTime and endDateTime';
  if (end !== undefined && start === undefined) return 'endDateTime without startDateTime';
  if (typeof start === 'string' && typeof end === 'string' && Date.parse(end) <= Date.parse(start)) return 'endDateTime must be after startDateTime';
  return null;
}

function participantsProblem(participants: unknown): string | null {
  if (participants === undefined) return null;
  if (!isObject(participants) || !Array.isArray(participants.attendees)) return 'participants.attendees must be an array';
  for (const a of participants.attendees as unknown[]) {
    const id = isObject(a) && isObject(a.identity) && isObject(a.identity.user) ? a.identity.user.id : undefined;
    if (typeof id !== 'string' || id === '') return 'every attendee needs identity.user.id';
    if (isObject(a) && a.role !== undefined && !ROLES.includes(a.role as string)) return 'unknown attendee role';
  }
  return null;
}

function unknownFields(body: Record<string, unknown>, allowed: string[]): string | null {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  return extra.length > 0 ? `unknown properties ${extra.join(', ')}` : null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
function json(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** The settings of a deployment whose visits get Teams meetings through this stand-in. */
export function graphMeetingSettings(graph: Pick<FakeGraph, 'config'>): Record<string, string> {
  return {
    MEETING_PROVIDER: 'graph',
    GRAPH_TENANT_ID: graph.config.tenantId,
    GRAPH_CLIENT_ID: graph.config.clientId,
    GRAPH_CLIENT_SECRET: graph.config.clientSecret,
    GRAPH_ORGANIZER_ID: graph.config.organizerId,
    GRAPH_BASE_URL: graph.config.graphBaseUrl,
    GRAPH_AUTHORITY_URL: graph.config.authorityUrl,
  };
}
