import { types } from 'node:util';
import pino, { type Logger } from 'pino';
import type { Config } from './config';

/**
 * Error serializer that keeps the type, code and stack frames but drops the message: foreign errors
 * (SQL, HTTP clients) often quote the values they failed on, and those can be patient data.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  // By brand, not instanceof: a library's errors may come from another realm (a test runner's).
  if (!types.isNativeError(error)) return { type: typeof error };
  const frames = (error.stack ?? '').split('\n').slice(1).join('\n');
  const code = (error as { code?: unknown }).code;
  const result: Record<string, unknown> = { type: error.name, stack: frames };
  if (typeof code === 'string' || typeof code === 'number') result.code = code;
  if (error.cause !== undefined) result.cause = serializeError(error.cause);
  return result;
}

/** `destination` defaults to stdout; tests pass a stream to read what was logged. */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'rounds' },
    serializers: { err: serializeError },
    // Belt and braces: never write credentials or message bodies even if a caller passes them.
    redact: { paths: ['req.headers.authorization', '*.password', '*.token', '*.text', '*.body'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
