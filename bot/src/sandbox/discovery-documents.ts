/**
 * The two unauthenticated documents a FHIR client reads before its first request: the R4
 * CapabilityStatement (`metadata`, with the legacy SMART oauth-uris extension the Patients app
 * read) and SMART's `.well-known/smart-configuration`. Both carry absolute URLs.
 */
import { type CapabilityStatement } from '@medplum/fhirtypes';
import { SANDBOX_RESOURCE_TYPES } from './sandbox-resource-types';

const OAUTH_URIS_EXTENSION = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

export function capabilityStatement(baseUrl: string, tokenUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2024-06-11',
    kind: 'instance',
    software: { name: 'Rounds local FHIR sandbox (Medplum in-memory repository)' },
    implementation: { description: 'Synthetic patients for local development; never real data.', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
              ],
            },
          ],
          extension: [{ url: OAUTH_URIS_EXTENSION, extension: [{ url: 'token', valueUri: tokenUrl }] }],
        },
        resource: SANDBOX_RESOURCE_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }],
        })),
        interaction: [{ code: 'batch' }],
      },
    ],
  };
}

export interface SmartConfiguration {
  token_endpoint: string;
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  scopes_supported: string[];
  capabilities: string[];
}

export function smartConfiguration(tokenUrl: string): SmartConfiguration {
  return {
    token_endpoint: tokenUrl,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    // SMART v2 (`.rs`) and v1 (`.read`) spellings: any is granted.
    scopes_supported: ['system/*.rs', 'system/*.read', ...SANDBOX_RESOURCE_TYPES.flatMap((type) => [`system/${type}.rs`, `system/${type}.read`])],
    capabilities: ['client-confidential-asymmetric', 'client-confidential-symmetric', 'permission-v1', 'permission-v2'],
  };
}
