/**
 * Builds the Teams app package for one environment, offline:
 *   npm run package                 # env "local" (env/.env.local)
 *   npm run package -- --env dev    # env/.env.dev, after `teamsapp provision --env dev` filled it
 * Writes appPackage/build/appPackage.<env>.zip and manifest.<env>.json; exits 1 listing every problem.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppPackage } from './package/build-package';
import { PackagingError } from './package/errors';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'local' } } });
  const envName = values.env ?? 'local';
  const result = await buildAppPackage({
    appPackageDir: path.join(root, 'appPackage'),
    envDir: path.join(root, 'env'),
    envName,
    outDir: path.join(root, 'appPackage', 'build'),
    // Inside `teamsapp provision`, values produced by earlier steps (BOT_ID, TAB_DOMAIN...) reach this
    // process through its environment before the toolkit writes them to env/.env.<env>.
    overrides: definedValues(process.env),
  });
  for (const note of result.notes) console.log(`note: ${note}`);
  console.log(`Wrote ${path.relative(root, result.manifestPath)}`);
  console.log(`Wrote ${path.relative(root, result.zipPath)}`);
}

/** Non-empty variables only: an empty one in the shell should not hide a value in the env file. */
function definedValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

main().catch((error: unknown) => {
  // A PackagingError is an expected outcome with its own readable report; anything else is a bug.
  console.error(error instanceof PackagingError ? error.message : error);
  process.exitCode = 1;
});
