/**
 * Twilio's webhook signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the auth token, of
 * the full URL Twilio requested followed by every POST parameter sorted by name, each written as
 * name then value with no separators.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type FormParams = Record<string, string | string[]>;

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => {
      const value = params[name] ?? '';
      const values = Array.isArray(value) ? [...value].sort() : [value];
      return text + values.map((v) => name + v).join('');
    }, url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Constant-time check; also tries the URL with and without the scheme's default port, as Twilio's libraries do. */
export function isValidTwilioSignature(authToken: string, url: string, params: FormParams, signature: string | undefined): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature);
  return urlVariants(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  const withPort = `//${parsed.hostname}:${defaultPort}`;
  // URL normalises a default port away, so both variants are built on the raw text.
  const variant = url.includes(withPort) ? url.replace(withPort, `//${parsed.hostname}`) : parsed.port ? url : url.replace(`//${parsed.hostname}`, withPort);
  return variant === url ? [url] : [url, variant];
}

/** Parses an application/x-www-form-urlencoded body, keeping repeated names. */
export function parseForm(body: string): FormParams {
  const params: FormParams = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const previous = params[name];
    if (previous === undefined) params[name] = value;
    else params[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return params;
}
