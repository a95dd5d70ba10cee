/**
 * Reads request bodies in place of restify's body parser, which let a corrupt gzip body end the
 * process and counted only the compressed bytes. Here:
 * - Content-Encoding: identity, gzip, deflate or br; anything else is 415, a body that does not
 *   decode is 400;
 * - the size limit holds for the bytes received and for the decoded bytes: over it is 413;
 * - JSON that does not parse, or text that is not UTF-8, is 400;
 * - every string of the body, the query and the path parameters is checked once (checkInputStrings).
 */
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import type { Logger } from 'pino';
import type { Next, Request, Response } from 'restify';
import { AppError } from '../domain/shared/app-error';
import { sendError, sendErrorBody } from './error-response';
import { checkInputStrings } from './parse-input';

/** The API's bodies are small JSON; the largest is a WebRTC offer (its SDP is at most 100,000 characters). */
export const API_BODY_LIMIT = 256 * 1024;
/** Bot Framework activities: Teams messages and card submits are tens of KB at most. */
export const ACTIVITY_BODY_LIMIT = 512 * 1024;

export interface BodyLimits {
  /** Bytes allowed for a route, by its path pattern. */
  limitFor(routePath: string | undefined): number;
}

export const defaultBodyLimits: BodyLimits = {
  limitFor: (routePath) => (routePath === '/api/messages' ? ACTIVITY_BODY_LIMIT : API_BODY_LIMIT),
};

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly userMessage: string,
  ) {
    super(code);
  }
}

function decoderFor(encoding: string): Transform | null | 'unsupported' {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return 'unsupported';
  }
}

function tooLarge(limit: number): BodyError {
  return new BodyError(413, 'payload_too_large', `The request body is larger than ${Math.floor(limit / 1024)} KB.`);
}

/** The decoded body, or a BodyError; null when the client went away. */
function readRaw(req: Request, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const encoding = (req.header('content-encoding') ?? '').trim().toLowerCase();
    const decoder = decoderFor(encoding);
    if (decoder === 'unsupported') {
      req.resume();
      reject(new BodyError(415, 'unsupported_media_type', 'Content-Encoding must be gzip, deflate, br or none.'));
      return;
    }
    const declared = Number(req.header('content-length') ?? '');
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const fail = (error: BodyError | null) => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      // Let the rest of the body drain so the answer reaches the client.
      req.resume();
      if (error) reject(error);
      else resolve(null);
    };
    const keep = (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > limit) fail(tooLarge(limit));
      else chunks.push(chunk);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      if (received > limit) return fail(tooLarge(limit));
      if (decoder) decoder.write(chunk);
      else keep(chunk);
    });
    req.once('aborted', () => fail(null));
    req.once('error', () => fail(null));
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    };
    if (decoder) {
      decoder.on('data', (chunk: Buffer) => {
        if (!settled) keep(chunk);
      });
      decoder.once('error', () => fail(new BodyError(400, 'validation', `The request body is not valid ${encoding} data (Content-Encoding).`)));
      decoder.once('end', finish);
      req.once('end', () => {
        if (!settled) decoder.end();
      });
    } else {
      req.once('end', finish);
    }
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function text(raw: Buffer): string {
  try {
    return UTF8.decode(raw);
  } catch {
    throw new AppError('validation', 'The request body is not valid UTF-8 text.');
  }
}

const isJson = (type: string) => type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);

/** Parses the body by its Content-Type into req.body (and req.rawBody, the text as received). */
function parse(req: Request, raw: Buffer): void {
  const type = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const holder = req as unknown as { body?: unknown; rawBody?: unknown };
  if (raw.length === 0) {
    holder.body = undefined;
    return;
  }
  if (isJson(type)) {
    const source = text(raw);
    holder.rawBody = source;
    try {
      holder.body = JSON.parse(source) as unknown;
    } catch {
      throw new AppError('validation', 'The request body is not valid JSON.');
    }
  } else if (type === 'application/x-www-form-urlencoded') {
    const source = text(raw);
    holder.rawBody = source;
    const form: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(source)) {
      const previous = form[key];
      form[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
    holder.body = form;
  } else if (type.startsWith('text/')) {
    holder.body = text(raw);
    holder.rawBody = holder.body;
  } else {
    // No route of Rounds takes other bodies: handlers see none.
    holder.body = undefined;
  }
}

/** The middleware: reads and checks the body, then the query and path parameters. */
export function bodyReader(logger: Logger, limits: BodyLimits = defaultBodyLimits) {
  return (req: Request, res: Response, next: Next): void => {
    const respond = (error: unknown) => {
      if (error instanceof BodyError) {
        if (error.status === 415) res.header('Accept-Encoding', 'gzip, deflate, br');
        if (error.status === 413) res.header('Connection', 'close');
        sendErrorBody(res, error.status, error.code, error.userMessage);
      } else {
        sendError(res, error, logger);
      }
      next(false);
    };
    const checkRest = () => {
      checkInputStrings(req.query ?? {});
      checkInputStrings(req.params ?? {});
    };
    const hasBody = req.isChunked() || Number(req.header('content-length') ?? '0') > 0;
    if (!hasBody || req.method === 'GET' || req.method === 'HEAD') {
      try {
        checkRest();
      } catch (error) {
        respond(error);
        return;
      }
      next();
      return;
    }
    readRaw(req, limits.limitFor(req.getRoute()?.path?.toString())).then(
      (raw) => {
        if (raw === null) {
          next(false);
          return;
        }
        try {
          parse(req, raw);
          checkInputStrings((req as unknown as { body?: unknown }).body);
          checkRest();
        } catch (error) {
          respond(error);
          return;
        }
        next();
      },
      respond,
    );
  };
}
