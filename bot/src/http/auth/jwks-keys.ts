import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface SigningKeys {
  /** The public key for a token's `kid`; throws when the key set does not have it. */
  get(kid: string | undefined): Promise<KeyObject>;
}

interface JwkSet {
  keys?: (JsonWebKey & { kid?: string; use?: string })[];
}

/**
 * Entra ID's signing keys, fetched from its JWKS endpoint and cached. Keys roll over: an unknown
 * `kid` refetches the set, at most once a minute so forged tokens cannot make us hammer the endpoint.
 */
export function createJwksKeys(jwksUrl: string, now: () => number = Date.now): SigningKeys {
  let keys = new Map<string, KeyObject>();
  let fetchedAt = -Infinity;
  let pending: Promise<void> | null = null;

  const refresh = async (): Promise<void> => {
    const response = await fetch(jwksUrl, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`JWKS endpoint answered ${response.status}`);
    const set = (await response.json()) as JwkSet;
    const next = new Map<string, KeyObject>();
    for (const jwk of set.keys ?? []) {
      if (jwk.kid && (jwk.use === undefined || jwk.use === 'sig')) next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    }
    keys = next;
    fetchedAt = now();
  };

  return {
    async get(kid) {
      if (!kid) throw new Error('token has no kid');
      const stale = now() - fetchedAt > 6 * 60 * 60 * 1000;
      const mayRefetch = now() - fetchedAt > 60 * 1000;
      if (stale || (!keys.has(kid) && mayRefetch)) {
        pending ??= refresh().finally(() => {
          pending = null;
        });
        await pending;
      }
      const key = keys.get(kid);
      if (!key) throw new Error('unknown signing key');
      return key;
    },
  };
}
