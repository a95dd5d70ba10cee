/** node:http plumbing the sandbox server needs: bounded body reading and JSON answers. */
import { type IncomingMessage, type ServerResponse } from 'node:http';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const JSON_UTF8 = 'application/json; charset=utf-8';

/** Large enough for a batch of several hundred searches, small enough that a runaway client cannot fill memory. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('body_too_large');
    this.name = 'BodyTooLargeError';
  }
}

/** The request body as UTF-8; rejects with BodyTooLargeError past MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // No encoding is set on the request, so every chunk is a Buffer.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type without parameters, lower-cased: `application/fhir+json; charset=utf-8` -> `application/fhir+json`. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}
