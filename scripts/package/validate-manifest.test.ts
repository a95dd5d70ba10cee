import { localManifest, type JsonObject } from './test-support';
import { shippedSchemaVersions, validateManifest, type SchemaResult } from './validate-manifest';

function problemsOf(result: SchemaResult): string[] {
  return result.valid ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

function child(object: JsonObject, key: string): JsonObject {
  const value = object[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${key} is not an object`);
  return value;
}

describe('validateManifest', () => {
  it('accepts the real manifest filled for env local, against the newest schema shipped', () => {
    const manifest = localManifest();
    expect(validateManifest(manifest)).toMatchObject({ valid: true });
    expect(manifest['manifestVersion']).toBe(shippedSchemaVersions().at(-1));
  });

  it('names the JSON path of a value outside an enum', () => {
    const manifest = localManifest();
    const bots = manifest['bots'];
    if (!Array.isArray(bots) || bots[0] === null || typeof bots[0] !== 'object' || Array.isArray(bots[0])) throw new Error('no bot');
    bots[0]['scopes'] = ['personal', 'team', 'groupChat', 'everyone'];
    expect(problemsOf(validateManifest(manifest))).toEqual(['/bots/0/scopes/3: must be one of "team", "personal", "groupChat", "copilot"']);
  });

  it('points at a missing required property itself, and reports every problem at once', () => {
    const manifest = localManifest();
    delete child(manifest, 'developer')['privacyUrl'];
    manifest['accentColor'] = 'teal';
    child(manifest, 'name')['nickname'] = 'R';
    expect(problemsOf(validateManifest(manifest))).toEqual(
      expect.arrayContaining([
        '/developer/privacyUrl: is required',
        '/accentColor: must match pattern "^#[0-9a-fA-F]{6}$"',
        '/name/nickname: is not allowed here',
      ]),
    );
  });

  it('fails clearly for a manifest version with no offline schema', () => {
    const manifest = localManifest();
    manifest['manifestVersion'] = '1.18';
    expect(problemsOf(validateManifest(manifest))).toEqual([expect.stringMatching(/^\/manifestVersion: no schema for version "1\.18"/)]);
    expect(problemsOf(validateManifest({}))).toEqual(['/manifestVersion: is required and must be a string such as "1.30"']);
  });
});
