/** Server-Sent Events answers: the headers, a keep-alive comment, and the end when the browser leaves. */
import type { Request, Response } from 'restify';

/** Proxies close idle streams; a comment line every so often keeps one open. */
export const PING_MS = 25_000;

/**
 * Answers `req` with an event stream and keeps it open until the browser goes. `follow` starts
 * whatever writes the events and returns how to stop it, which runs when the stream closes.
 */
export async function serveEventStream(req: Request, res: Response, follow: () => () => void): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.write(': connected\n\n');
  const stop = follow();
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  await new Promise<void>((resolve) => req.once('close', resolve));
  clearInterval(ping);
  stop();
}
