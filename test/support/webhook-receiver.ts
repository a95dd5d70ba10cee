/** A local HTTP endpoint standing in for a webhook receiver: keeps every body it was sent, answers 204. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookEvent {
  id: string;
  type: string;
  visitId: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface WebhookReceiver {
  /** For WEBHOOK_URL. */
  url: string;
  /** Every body received, as sent. */
  bodies: string[];
  /** The same, parsed. */
  events: WebhookEvent[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const bodies: string[] = [];
  const events: WebhookEvent[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      events.push(JSON.parse(body) as WebhookEvent);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    bodies,
    events,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
