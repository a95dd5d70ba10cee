import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEnvironment, type EnvValues } from './env-file';
import { PackagingError } from './errors';
import { checkIcons, type IconFiles } from './icons';
import { parseJson, type JsonValue } from './json';
import { checkManifestRules } from './manifest-rules';
import type { ManifestView } from './manifest-view';
import { resolvePlaceholders } from './placeholders';
import { formatSchemaProblem, validateManifest } from './validate-manifest';
import { buildZip } from './zip';

export interface BuildOptions {
  /** Folder holding manifest.json and the icons it names. */
  appPackageDir: string;
  /** Folder holding .env.<envName> (and optionally .env.<envName>.user). */
  envDir: string;
  envName: string;
  /** Where appPackage.<env>.zip and manifest.<env>.json are written. */
  outDir: string;
  /** Values that win over the env files, as process.env does for Teams Toolkit's own placeholders. */
  overrides?: EnvValues;
}

export interface BuildResult {
  zipPath: string;
  manifestPath: string;
  /** Things worth telling the developer that do not stop the build. */
  notes: string[];
}

/**
 * Fills the manifest for one environment, checks it (official schema, Teams rules the schema misses,
 * icon pixels), then writes the zip Teams accepts. Throws a PackagingError listing every problem.
 */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const env = { ...loadEnvironment(options.envDir, options.envName), ...options.overrides };
  const template = parseJson(await readFile(path.join(options.appPackageDir, 'manifest.json'), 'utf8'), 'appPackage/manifest.json');
  const source = `env/.env.${options.envName} (empty values are filled by \`teamsapp provision --env ${options.envName}\`)`;
  const document = dedupeValidDomains(resolvePlaceholders(template, env, source));

  const schema = validateManifest(document);
  if (!schema.valid) {
    throw new PackagingError(`manifest.json does not match the Teams schema (env "${options.envName}")`, schema.problems.map(formatSchemaProblem));
  }
  const rules = checkManifestRules(schema.manifest, document, options.envName);
  const icons = await readIcons(options.appPackageDir, schema.manifest);
  const problems = [...rules.problems, ...checkIcons(icons, schema.manifest.icons)];
  if (problems.length > 0) throw new PackagingError(`The app package for env "${options.envName}" is not valid`, problems);

  const manifestText = `${JSON.stringify(document, null, 2)}\n`;
  const zip = await buildZip([
    { name: 'manifest.json', data: manifestText },
    { name: schema.manifest.icons.color, data: icons.color },
    { name: schema.manifest.icons.outline, data: icons.outline },
  ]);
  await mkdir(options.outDir, { recursive: true });
  const zipPath = path.join(options.outDir, `appPackage.${options.envName}.zip`);
  const manifestPath = path.join(options.outDir, `manifest.${options.envName}.json`);
  await writeFile(zipPath, zip);
  await writeFile(manifestPath, manifestText);
  return { zipPath, manifestPath, notes: rules.notes };
}

/**
 * The bot and the tabs are served by one host, so TAB_DOMAIN and BOT_DOMAIN are usually equal. The
 * schema allows the repeat, but a list of domains with the same one twice is noise in what admins review.
 */
function dedupeValidDomains(document: JsonValue): JsonValue {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return document;
  const domains = document['validDomains'];
  if (!Array.isArray(domains)) return document;
  return { ...document, validDomains: [...new Set(domains)] };
}

async function readIcons(appPackageDir: string, manifest: ManifestView): Promise<IconFiles> {
  const read = async (relative: string): Promise<Buffer> => {
    // The same path names the icon's entry in the zip, so it must be relative and stay inside.
    const file = path.resolve(appPackageDir, relative);
    if (path.isAbsolute(relative) || path.relative(appPackageDir, file).startsWith('..')) {
      throw new PackagingError('Icon paths must be relative and stay inside appPackage/', [`"${relative}"`]);
    }
    if (!existsSync(file)) throw new PackagingError('An icon named by the manifest is missing', [file]);
    return readFile(file);
  };
  return { color: await read(manifest.icons.color), outline: await read(manifest.icons.outline) };
}
