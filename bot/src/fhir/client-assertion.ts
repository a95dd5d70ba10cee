/**
 * The SMART Backend Services client assertion (RFC 7523 as profiled by SMART's
 * client-confidential-asymmetric): a JWT signed with Rounds' key, new for every token request.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ASSERTION_LIFETIME_MS, type SigningKey } from '../secrets/fhir-signing-keys';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AssertionInput {
  clientId: string;
  /** The token endpoint URL from discovery, exactly as the EHR published it. */
  tokenEndpoint: string;
  key: SigningKey;
  /** Milliseconds since the epoch. */
  now: number;
}

/**
 * iss = sub = client id, aud = the token endpoint, a fresh jti, exp four minutes ahead: within SMART's
 * five even when the EHR's clock runs a minute behind ours.
 */
export function signClientAssertion({ clientId, tokenEndpoint, key, now }: AssertionInput): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenEndpoint)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_MS / 1000)
    .sign(key.privateKey);
}
