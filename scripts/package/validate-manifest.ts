import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ManifestView } from './manifest-view';

export interface SchemaProblem {
  /** JSON pointer of the offending value, e.g. /bots/0/scopes/3; "/" for the document itself. */
  path: string;
  message: string;
}

export type SchemaResult = { valid: true; manifest: ManifestView } | { valid: false; problems: SchemaProblem[] };

// The official Teams schemas ship inside @microsoft/app-manifest, one folder per version: validating
// against them needs no network (`teamsapp validate` downloads the schema and fails offline).
const SCHEMA_ROOT = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

const validators = new Map<string, ValidateFunction<ManifestView>>();

/** Teams manifest versions whose schema is available offline, oldest first. */
export function shippedSchemaVersions(): string[] {
  return readdirSync(SCHEMA_ROOT)
    .map((folder) => /^v(\d+\.\d+)$/.exec(folder)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Validates a manifest against the official schema of the version it declares in manifestVersion. */
export function validateManifest(manifest: unknown): SchemaResult {
  const version = declaredVersion(manifest);
  if (version === undefined) {
    return { valid: false, problems: [{ path: '/manifestVersion', message: 'is required and must be a string such as "1.30"' }] };
  }
  const validate = validatorFor(version);
  if (validate === undefined) {
    const message = `no schema for version "${version}" in @microsoft/app-manifest (available: ${shippedSchemaVersions().join(', ')})`;
    return { valid: false, problems: [{ path: '/manifestVersion', message }] };
  }
  if (validate(manifest)) return { valid: true, manifest };
  return { valid: false, problems: (validate.errors ?? []).map(toProblem) };
}

function declaredVersion(manifest: unknown): string | undefined {
  if (typeof manifest !== 'object' || manifest === null || !('manifestVersion' in manifest)) return undefined;
  return typeof manifest.manifestVersion === 'string' ? manifest.manifestVersion : undefined;
}

function validatorFor(version: string): ValidateFunction<ManifestView> | undefined {
  const cached = validators.get(version);
  if (cached) return cached;
  const file = path.join(SCHEMA_ROOT, `v${version}`, 'MicrosoftTeams.schema.json');
  if (!/^\d+\.\d+$/.test(version) || !existsSync(file)) return undefined;
  // The schemas are draft-04 and use a few keywords Ajv's strict mode rejects, hence strict: false.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The schema only checks the shape ManifestView describes (and much more), so the guard is sound.
  const validate = ajv.compile<ManifestView>(JSON.parse(readFileSync(file, 'utf8')) as object);
  validators.set(version, validate);
  return validate;
}

/** Ajv reports a missing or unexpected property on its parent: point at the property itself instead. */
function toProblem(error: ErrorObject): SchemaProblem {
  const at = (child: unknown): string => `${error.instancePath}/${String(child)}`;
  switch (error.keyword) {
    case 'required':
      return { path: at(error.params['missingProperty']), message: 'is required' };
    case 'additionalProperties':
      return { path: at(error.params['additionalProperty']), message: 'is not allowed here' };
    case 'enum': {
      const allowed = error.params['allowedValues'];
      const list = Array.isArray(allowed) ? allowed.map((value) => JSON.stringify(value)).join(', ') : '';
      return { path: error.instancePath || '/', message: `must be one of ${list}` };
    }
    default:
      return { path: error.instancePath || '/', message: error.message ?? error.keyword };
  }
}

export function formatSchemaProblem(problem: SchemaProblem): string {
  return `${problem.path}: ${problem.message}`;
}
