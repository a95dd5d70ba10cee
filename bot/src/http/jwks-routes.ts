import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { FhirKeyring } from '../secrets/fhir-signing-keys';
import { withAuth } from './route-registry';

export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * Rounds' public keys, for EHRs that verify its SMART client assertions (private_key_jwt). Public and
 * cacheable: a rotated key is listed long before it signs, so a copy ten minutes old is still right.
 */
export function registerJwksRoutes(server: Server, keyring: FhirKeyring, logger: Logger): void {
  server.get(JWKS_PATH, withAuth('public', async (_req: Request, res: Response) => {
    try {
      const jwks = await keyring.jwks();
      res.header('cache-control', 'public, max-age=600');
      res.json(200, jwks);
    } catch (error) {
      logger.error({ err: error }, 'FHIR signing keys unavailable');
      res.header('cache-control', 'no-store');
      res.json(503, { error: { code: 'unavailable', message: 'The key set is not available right now; try again shortly.' } });
    }
  }));
}
