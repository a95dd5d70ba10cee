import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildAppPackage } from './build-package';
import { PackagingError } from './errors';
import { APP_PACKAGE_DIR, ENV_DIR, envDirWith, LOCAL_VALUES, tempDir, type TempDir } from './test-support';
import { validateManifest } from './validate-manifest';

/** Reads one entry of a zip, failing the test (not with a TypeError) when it is absent. */
async function zipEntry(zip: JSZip, name: string): Promise<Buffer> {
  const file = zip.file(name);
  if (file === null) throw new Error(`${name} is missing from the zip`);
  return file.async('nodebuffer');
}

async function expectPackagingError(promise: Promise<unknown>): Promise<PackagingError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(PackagingError);
  return error as PackagingError;
}

describe('buildAppPackage', () => {
  const cleanups: TempDir[] = [];
  const temp = (dir: TempDir): string => {
    cleanups.push(dir);
    return dir.dir;
  };
  afterEach(() => cleanups.splice(0).forEach((dir) => dir.cleanup()));

  it('packages the real manifest with the real env/.env.local into a zip Teams accepts', async () => {
    // The committed env file, without any .user file a developer machine may have next to it.
    const envDir = temp(tempDir());
    copyFileSync(path.join(ENV_DIR, '.env.local'), path.join(envDir, '.env.local'));
    const outDir = temp(tempDir());

    const result = await buildAppPackage({ appPackageDir: APP_PACKAGE_DIR, envDir, envName: 'local', outDir });

    expect(result.zipPath).toBe(path.join(outDir, 'appPackage.local.zip'));
    const zip = await JSZip.loadAsync(readFileSync(result.zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifestText = (await zipEntry(zip, 'manifest.json')).toString('utf8');
    expect(manifestText).not.toContain('${{');
    expect(manifestText).toBe(readFileSync(result.manifestPath, 'utf8'));
    // Bot and tabs share one host, so the two domain placeholders collapse into one entry.
    expect(validateManifest(JSON.parse(manifestText))).toMatchObject({ valid: true, manifest: { validDomains: [expect.any(String)] } });

    const color = PNG.sync.read(await zipEntry(zip, 'color.png'));
    const outline = PNG.sync.read(await zipEntry(zip, 'outline.png'));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
  });

  it('tells the developer that plain http://localhost is tolerated for env local only', async () => {
    const envDir = temp(envDirWith('local', LOCAL_VALUES));
    const result = await buildAppPackage({ appPackageDir: APP_PACKAGE_DIR, envDir, envName: 'local', outDir: temp(tempDir()) });
    expect(JSON.parse(readFileSync(result.manifestPath, 'utf8'))).toMatchObject({
      validDomains: ['localhost:3978'],
      webApplicationInfo: { resource: `api://localhost:3978/${LOCAL_VALUES['BOT_ID']}` },
    });
    expect(result.notes).toEqual([expect.stringMatching(/^http:\/\/localhost URLs .* accepted for env "local" only/)]);
  });

  it('builds byte-identical zips from the same inputs', async () => {
    const options = { appPackageDir: APP_PACKAGE_DIR, envDir: temp(envDirWith('local', LOCAL_VALUES)), envName: 'local', outDir: temp(tempDir()) };
    const first = readFileSync((await buildAppPackage(options)).zipPath);
    const second = readFileSync((await buildAppPackage(options)).zipPath);
    expect(second.equals(first)).toBe(true);
  });

  it('fails for an environment not provisioned yet, naming every value provision has not filled', async () => {
    // The shape env/.env.dev is committed in before the first provision (provision then fills it, and
    // the filled file is committed too, so the test does not read the real one).
    const unprovisioned = { TEAMSFX_ENV: 'dev', APP_NAME_SUFFIX: 'dev', TEAMS_APP_ID: '', BOT_ID: '', BOT_DOMAIN: '', TAB_DOMAIN: '', TAB_ENDPOINT: '' };
    const envDir = temp(envDirWith('dev', unprovisioned));
    const error = await expectPackagingError(buildAppPackage({ appPackageDir: APP_PACKAGE_DIR, envDir, envName: 'dev', outDir: temp(tempDir()) }));
    expect(error.message).toContain('env/.env.dev');
    expect(error.problems).toEqual([
      'BOT_DOMAIN has no value',
      'BOT_ID has no value',
      'TAB_DOMAIN has no value',
      'TAB_ENDPOINT has no value',
      'TEAMS_APP_ID has no value',
    ]);
  });

  it('packages once provision outputs arrive through overrides, as teamsapp passes them', async () => {
    const host = 'rounds39865e.azurewebsites.net';
    const overrides = { ...LOCAL_VALUES, APP_NAME_SUFFIX: 'dev', BOT_DOMAIN: host, TAB_DOMAIN: host, TAB_ENDPOINT: `https://${host}` };
    const envDir = temp(envDirWith('dev', { TEAMSFX_ENV: 'dev', BOT_ID: '' }));
    const result = await buildAppPackage({ appPackageDir: APP_PACKAGE_DIR, envDir, envName: 'dev', outDir: temp(tempDir()), overrides });
    expect(JSON.parse(readFileSync(result.manifestPath, 'utf8'))).toMatchObject({
      name: { short: 'Rounds dev' },
      validDomains: [host],
      staticTabs: [{ contentUrl: `https://${host}/tabs/my-visits.html` }, { contentUrl: `https://${host}/tabs/on-call.html` }, { contentUrl: `https://${host}/tabs/templates.html` }, { contentUrl: `https://${host}/tabs/dashboard.html` }, { entityId: 'conversations' }, { entityId: 'about' }],
    });
    expect(result.notes).toEqual([]);
  });

  it('takes values from the .user file too, never a secret, and requires https outside env local', async () => {
    const { BOT_ID, ...mainValues } = LOCAL_VALUES;
    const publicValues = { ...mainValues, BOT_DOMAIN: 'rounds.example.org', TAB_DOMAIN: 'rounds.example.org', TAB_ENDPOINT: 'http://rounds.example.org' };
    const envDir = temp(envDirWith('staging', publicValues, { BOT_ID: BOT_ID ?? '', SECRET_BOT_PASSWORD: 'hunter2' }));
    const options = { appPackageDir: APP_PACKAGE_DIR, envDir, envName: 'staging', outDir: temp(tempDir()) };

    const error = await expectPackagingError(buildAppPackage(options));
    expect(error.problems).toEqual([
      '/configurableTabs/0/configurationUrl: Teams requires https, got "http://rounds.example.org/tabs/patients-config.html"',
      '/staticTabs/0/contentUrl: Teams requires https, got "http://rounds.example.org/tabs/my-visits.html"',
      '/staticTabs/1/contentUrl: Teams requires https, got "http://rounds.example.org/tabs/on-call.html"',
      '/staticTabs/2/contentUrl: Teams requires https, got "http://rounds.example.org/tabs/templates.html"',
      '/staticTabs/3/contentUrl: Teams requires https, got "http://rounds.example.org/tabs/dashboard.html"',
    ]);

    const envFile = path.join(envDir, '.env.staging');
    writeFileSync(envFile, readFileSync(envFile, 'utf8').replace('http://', 'https://'));
    const manifestText = readFileSync((await buildAppPackage(options)).manifestPath, 'utf8');
    expect(manifestText).toContain(`"botId": "${BOT_ID}"`);
    expect(manifestText).not.toContain('hunter2');
  });

  it('fails when an icon has the wrong size', async () => {
    const appPackageDir = temp(tempDir(APP_PACKAGE_DIR));
    writeFileSync(path.join(appPackageDir, 'color.png'), PNG.sync.write(new PNG({ width: 100, height: 100 })));
    const options = { appPackageDir, envDir: temp(envDirWith('local', LOCAL_VALUES)), envName: 'local', outDir: temp(tempDir()) };
    const error = await expectPackagingError(buildAppPackage(options));
    expect(error.problems).toEqual(['color.png: must be 192x192 pixels, is 100x100']);
  });

  it('fails with the JSON path of a schema error', async () => {
    const appPackageDir = temp(tempDir(APP_PACKAGE_DIR));
    const manifestFile = path.join(appPackageDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { bots: { scopes: string[] }[] };
    manifest.bots[0]?.scopes.push('everyone');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const options = { appPackageDir, envDir: temp(envDirWith('local', LOCAL_VALUES)), envName: 'local', outDir: temp(tempDir()) };
    const error = await expectPackagingError(buildAppPackage(options));
    expect(error.message).toContain('does not match the Teams schema');
    expect(error.problems).toContain('/bots/0/scopes/3: must be one of "team", "personal", "groupChat", "copilot"');
  });
});
