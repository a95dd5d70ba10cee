/**
 * A local stand-in for the Bot Connector service. The bot sends its replies to the activity's
 * serviceUrl; this server records `POST /v3/conversations/{id}/activities[/{replyToId}]` and answers
 * `{id}` as the real service does. Any other request is recorded as unexpected and answered 404, and
 * tests assert there were none.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
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

export interface ConnectorStandIn {
  url: string;
  sent: SentActivity[];
  unexpected: string[];
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const sent: SentActivity[] = [];
  const unexpected: string[] = [];
  let nextId = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = ACTIVITY_PATH.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        unexpected.push(`${req.method} ${req.url}`);
        res.writeHead(404);
        res.end();
        return;
      }
      sent.push({
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
        authorization: req.headers.authorization,
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentActivity['activity'],
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${nextId++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    unexpected,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The text of every TextBlock and fact in the adaptive cards of an activity, for readable assertions. */
export function cardText(sent: SentActivity): string {
  return (sent.activity.attachments ?? [])
    .flatMap((attachment) => attachment.content.body ?? [])
    .flatMap((element) => [element.text ?? '', ...(element.facts ?? []).map((fact) => `${fact.title} ${fact.value}`)])
    .join('\n');
}
