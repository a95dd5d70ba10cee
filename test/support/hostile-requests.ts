/**
 * fast-check arbitraries of hostile HTTP requests for any route of the registry: bodies (JSON of
 * odd shapes and strings, deep nesting, bytes, forms, oversize, compression bombs), encodings
 * (valid, corrupt, unknown), headers and query strings. And a raw sender (node:http) that sends
 * exactly what was generated.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import fc from 'fast-check';
import type { RouteEntry } from '../../bot/src/http/route-registry';
import { fillPath, plausibleSegment } from './route-paths';

export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
  /** What was generated, for the failure report. */
  label: string;
}

const FIELDS = [
  'text', 'teamId', 'channelId', 'mode', 'name', 'patient', 'start', 'durationMinutes', 'to', 'from', 'type', 'payload', 'priority',
  'note', 'firstName', 'birthYear', 'listId', 'entryId', 'position', 'id', 'mrn', 'birthDate', 'clinicians', 'notify', 'reason',
  'timeZone', 'connection', 'baseUrl', 'clientId', 'clientSecret', 'shifts', 'userId', 'camera', 'microphone', 'sdp', 'peer',
  'limit', 'q', 'serviceUrl', 'conversation', 'value', 'action', 'verb', 'ticket', 'patientContact', 'email', 'phone', 'title',
  '__proto__', 'constructor', 'toString', 'From', 'Body',
];

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x21-\\x7e]{0,${max}}$`));

/** Strings meant to hurt: NUL, lone surrogates, huge, markup, traversal, format strings, any unicode. */
export const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF', '\uFFFE', '../../../etc/passwd', '%00', '%E0%A4%A', '<script>alert(1)</script>',
    '{{7*7}}', '${process.exit()}', "' OR 1=1--", 'null', 'undefined', 'NaN', '-1', '1e309', '0x10', '2026-02-30T25:61:00Z', '\u202Eevil',
    'http://169.254.169.254/latest/meta-data/', 'javascript:alert(1)', '', ' ', '\r\n\r\nHTTP/1.1 200 OK',
  ),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

const leaf = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String));

const fieldObject: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), tie('object')),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), hostileString), tie('node'), { maxKeys: 6 }),
})).object;

/** An activity close enough to Teams' for the adapter to take, with hostile values in its fields. */
function activityBody(connectorUrl: string) {
  return fc
    .record(
      {
        type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'messageReaction', 'installationUpdate', 'event', 'typing'), hostileString),
        text: fc.oneof(hostileString, fieldObject),
        serviceUrl: fc.oneof({ weight: 4, arbitrary: fc.constant(connectorUrl) }, { weight: 1, arbitrary: hostileString }),
        id: fc.oneof(hostileString, fc.integer()),
        replyToId: hostileString,
        name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'composeExtension/query', 'task/fetch', 'signin/verifyState'), hostileString),
        value: fieldObject,
        channelData: fc.oneof(fieldObject, hostileString),
        conversation: fc.oneof(fc.record({ id: hostileString }), fieldObject, hostileString),
        from: fc.oneof(fc.record({ id: hostileString, name: hostileString, aadObjectId: hostileString }), hostileString),
        timestamp: hostileString,
        entities: fc.oneof(fc.array(fieldObject, { maxLength: 3 }), hostileString),
        attachments: fc.oneof(fc.array(fieldObject, { maxLength: 3 }), hostileString),
        membersAdded: fc.array(fc.record({ id: hostileString }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    )
    .map((overrides) => ({
      type: 'message',
      id: 'activity-1',
      channelId: 'msteams',
      serviceUrl: connectorUrl,
      from: { id: '29:user-kim', name: 'Dr Kim', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001' },
      recipient: { id: '28:rounds-bot', name: 'Rounds' },
      conversation: { id: 'a:personal-chat-kim', conversationType: 'personal', tenantId: 'dev-tenant' },
      ...overrides,
    }));
}

type BodyKind =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'nested'; depth: number; open: string; close: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'oversize'; bytes: number }
  | { kind: 'bomb'; bytes: number };

function bodyKinds(route: RouteEntry, connectorUrl: string): fc.Arbitrary<BodyKind> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 6, arbitrary: fieldObject.map((value) => ({ kind: 'json' as const, value })) },
    { weight: route.auth === 'bot' ? 8 : 0, arbitrary: activityBody(connectorUrl).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('nested' as const),
        depth: fc.integer({ min: 20, max: 50_000 }),
        open: fc.constantFrom('[', '{"a":', '{"text":['),
        close: fc.constant(''),
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
    { weight: 1, arbitrary: hostileString.map((text) => ({ kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), hostileString), hostileString), { maxLength: 6 }).map((fields) => ({ kind: 'form' as const, fields })) },
    { weight: 1, arbitrary: fc.integer({ min: 520 * 1024, max: 700 * 1024 }).map((bytes) => ({ kind: 'oversize' as const, bytes })) },
    { weight: 1, arbitrary: fc.integer({ min: 600 * 1024, max: 8 * 1024 * 1024 }).map((bytes) => ({ kind: 'bomb' as const, bytes })) },
  );
}

function nested(depth: number, open: string): string {
  const closeOf = (part: string) => [...part].reverse().map((c) => (c === '[' ? ']' : c === '{' ? '}' : '')).join('');
  return open.repeat(depth) + '1' + closeOf(open).repeat(depth);
}

const bombs = new Map<number, Buffer>();
function bomb(bytes: number): Buffer {
  const size = Math.ceil(bytes / (256 * 1024)) * 256 * 1024;
  let packed = bombs.get(size);
  if (!packed) bombs.set(size, (packed = zlib.gzipSync(Buffer.alloc(size, 0x20))));
  return packed;
}

function bodyBytes(body: BodyKind): { bytes: Buffer | null; preEncoded: boolean } {
  switch (body.kind) {
    case 'none':
      return { bytes: null, preEncoded: false };
    case 'json':
      return { bytes: Buffer.from(JSON.stringify(body.value) ?? 'null', 'utf8'), preEncoded: false };
    case 'nested':
      return { bytes: Buffer.from(nested(body.depth, body.open), 'utf8'), preEncoded: false };
    case 'bytes':
      return { bytes: Buffer.from(body.bytes), preEncoded: false };
    case 'text':
      return { bytes: Buffer.from(body.text, 'utf8'), preEncoded: false };
    case 'form':
      return { bytes: Buffer.from(new URLSearchParams(body.fields).toString(), 'utf8'), preEncoded: false };
    case 'oversize':
      return { bytes: Buffer.alloc(body.bytes, 0x61), preEncoded: false };
    case 'bomb':
      return { bytes: bomb(body.bytes), preEncoded: true };
  }
}

/** none, gzip, deflate, br, gzip-corrupt (the header without the compression), ..., or any token. */
type Encoding = string;

const encodings: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('none') },
  { weight: 4, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'gzip-corrupt', 'deflate-corrupt', 'br-corrupt', 'compress', 'gzip, br', 'identity', 'x-gzip', 'GZIP') },
  { weight: 1, arbitrary: printable(20) },
);

function encode(bytes: Buffer | null, encoding: Encoding, preEncoded: boolean): { bytes: Buffer | null; header: string | null } {
  if (preEncoded) return { bytes, header: 'gzip' };
  if (encoding === 'none') return { bytes, header: null };
  if (bytes === null) return { bytes, header: encoding.replace(/-corrupt$/, '') };
  switch (encoding) {
    case 'gzip':
      return { bytes: zlib.gzipSync(bytes), header: 'gzip' };
    case 'deflate':
      return { bytes: zlib.deflateSync(bytes), header: 'deflate' };
    case 'br':
      // Quality 5: any valid brotli will do, and the default (11) took 20 ms for an oversize body.
      return { bytes: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }), header: 'br' };
    case 'gzip-corrupt':
    case 'deflate-corrupt':
    case 'br-corrupt':
      return { bytes, header: encoding.replace(/-corrupt$/, '') };
    default:
      return { bytes, header: encoding };
  }
}

const PERCENT = Array.from({ length: 256 }, (_, byte) => `%${byte.toString(16).padStart(2, '0')}`);

/**
 * Percent-encodes the UTF-8 bytes of any string (lone surrogates become U+FFFD, as a browser would
 * send). By table: strings run to 20,000 characters, and this was the fuzz suite's largest cost.
 */
function pct(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) encoded += PERCENT[byte];
  return encoded;
}

const rawQueryPieces = fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%ED%A0%80', 'a[b][c][d][e][f][g][h]=1', '__proto__[polluted]=1', 'a=1&a=2&a=3', 'limit=-1', 'limit=1e9', '&&&', '=');

const query = fc.array(
  fc.oneof(
    fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), hostileString), hostileString).map(([key, value]) => `${pct(key)}=${pct(value)}`),
    rawQueryPieces,
  ),
  { maxLength: 5 },
);

const segment = (name: string) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(plausibleSegment(name)) },
    { weight: 3, arbitrary: hostileString.filter((s) => s.length > 0).map(pct) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2e%2e%2f%2e%2e%2f', '%ED%A0%80', 'a'.repeat(3000), '%252e') },
  );

function headersArb(integrationKey: string) {
  return fc.record(
    {
      authorization: fc.oneof(printable(60).map((t) => `Bearer ${t}`), fc.constant(`Bearer ${integrationKey}`), printable(40)),
      cookie: printable(60).map((t) => `rounds_lobby=${t}`),
      'x-lobby-ticket': printable(60),
      'x-room-patient': printable(60),
      'last-event-id': fc.oneof(printable(20), fc.constantFrom('-1', '1e400', '99999999999999999999', 'NaN')),
      'idempotency-key': printable(60),
      'x-twilio-signature': printable(40),
      'content-md5': printable(30),
      'x-forwarded-for': printable(30),
      accept: fc.constantFrom('*/*', 'text/event-stream', 'application/json', 'text/html'),
    },
    { requiredKeys: [] },
  );
}

const contentTypes = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    'multipart/form-data; boundary=x',
    'application/vnd.api+json',
    'text/csv',
    'application/xml',
  ),
  fc.constant(null),
  printable(30),
);

/** Hostile requests for one route of the registry. */
export function hostileRequests(route: RouteEntry, options: { connectorUrl: string; integrationKey: string }): fc.Arbitrary<HostileRequest> {
  const params = [...route.path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  return fc
    .record({
      segments: fc.tuple(...params.map((name) => segment(name))),
      query,
      headers: headersArb(options.integrationKey),
      body: bodyKinds(route, options.connectorUrl),
      encoding: encodings,
      contentType: contentTypes,
    })
    .map(({ segments, query: pieces, headers, body, encoding, contentType }) => {
      let index = 0;
      const path = fillPath(route.path, () => segments[index++] ?? '');
      const { bytes, preEncoded } = bodyBytes(body);
      const encoded = encode(bytes, encoding, preEncoded);
      const all: Record<string, string> = { ...headers };
      if (contentType !== null) all['content-type'] = contentType;
      if (encoded.header !== null) all['content-encoding'] = encoded.header;
      return {
        method: route.method,
        path: pieces.length ? `${path}?${pieces.join('&')}` : path,
        headers: all,
        body: encoded.bytes,
        label: `${route.method} ${path.slice(0, 120)} body=${body.kind} encoding=${encoding} type=${contentType} headers=${Object.keys(headers).join(',')}`,
      };
    });
}

export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Sends the request as generated; an event stream is read no further than its headers. The timeout is
 * for a request that hangs, long enough for the whole suite running on two cores.
 */
export function send(baseUrl: string, request: HostileRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, method: request.method, path: request.path, headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) }, agent: false },
      (res) => {
        const contentType = String(res.headers['content-type'] ?? '');
        if (contentType.startsWith('text/event-stream')) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, contentType, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (request.body) req.end(request.body);
    else req.end();
  });
}
