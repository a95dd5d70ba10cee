import { checkManifestRules } from './manifest-rules';
import { localManifest, type JsonObject } from './test-support';
import { validateManifest } from './validate-manifest';

/** Runs the rules on a manifest that must still pass the schema, as in the real pipeline. */
function rules(manifest: JsonObject, envName: string): { problems: string[]; notes: string[] } {
  const schema = validateManifest(manifest);
  if (!schema.valid) throw new Error(`schema: ${JSON.stringify(schema.problems)}`);
  return checkManifestRules(schema.manifest, manifest, envName);
}

/** The local manifest moved to a public https host, as provision would make it. */
function deployedManifest(): JsonObject {
  const text = JSON.stringify(localManifest()).replaceAll('http://localhost:3978', 'https://rounds.example.org').replaceAll('localhost:3978', 'rounds.example.org');
  return JSON.parse(text) as JsonObject;
}

describe('checkManifestRules', () => {
  it('passes the real local manifest with a note about plain http', () => {
    const result = rules(localManifest(), 'local');
    expect(result.problems).toEqual([]);
    expect(result.notes).toHaveLength(1);
  });

  it('rejects plain http outside env local', () => {
    expect(rules(localManifest(), 'dev').problems).toEqual([
      '/configurableTabs/0/configurationUrl: Teams requires https, got "http://localhost:3978/tabs/patients-config.html"',
      '/staticTabs/0/contentUrl: Teams requires https, got "http://localhost:3978/tabs/my-visits.html"',
      '/staticTabs/1/contentUrl: Teams requires https, got "http://localhost:3978/tabs/on-call.html"',
      '/staticTabs/2/contentUrl: Teams requires https, got "http://localhost:3978/tabs/templates.html"',
      '/staticTabs/3/contentUrl: Teams requires https, got "http://localhost:3978/tabs/dashboard.html"',
    ]);
  });

  it('passes a deployed manifest cleanly', () => {
    expect(rules(deployedManifest(), 'dev')).toEqual({ problems: [], notes: [] });
  });

  it('requires tab hosts in validDomains, and bare hosts there', () => {
    const manifest = deployedManifest();
    manifest['validDomains'] = ['https://rounds.example.org'];
    expect(rules(manifest, 'dev').problems).toEqual([
      '/validDomains/0: must be a host such as "rounds.example.org", without scheme or path (got "https://rounds.example.org")',
      '/configurableTabs/0/configurationUrl: host "rounds.example.org" is not in validDomains (TAB_DOMAIN must be the host of TAB_ENDPOINT)',
      '/staticTabs/0/contentUrl: host "rounds.example.org" is not in validDomains (TAB_DOMAIN must be the host of TAB_ENDPOINT)',
      '/staticTabs/1/contentUrl: host "rounds.example.org" is not in validDomains (TAB_DOMAIN must be the host of TAB_ENDPOINT)',
      '/staticTabs/2/contentUrl: host "rounds.example.org" is not in validDomains (TAB_DOMAIN must be the host of TAB_ENDPOINT)',
      '/staticTabs/3/contentUrl: host "rounds.example.org" is not in validDomains (TAB_DOMAIN must be the host of TAB_ENDPOINT)',
      '/webApplicationInfo/resource: must be api://<a validDomains entry>/507a468a-2c80-45d8-8915-cbc03c75c839 (got "api://rounds.example.org/507a468a-2c80-45d8-8915-cbc03c75c839")',
    ]);
    manifest['validDomains'] = ['*.example.org'];
    expect(rules(manifest, 'dev').problems.filter((problem) => problem.includes('Tabs'))).toEqual([]);
  });

  it('requires one Entra app for the bot and SSO, and a schema URL matching manifestVersion', () => {
    const manifest = deployedManifest();
    manifest['webApplicationInfo'] = { id: '00000000-0000-0000-0000-000000000001', resource: 'api://rounds.example.org/00000000-0000-0000-0000-000000000001' };
    manifest['$schema'] = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';
    expect(rules(manifest, 'dev').problems).toEqual([
      '/$schema: does not point at the v1.30 schema that manifestVersion declares',
      '/webApplicationInfo/id: must equal /bots/0/botId (the bot and SSO share one Entra app)',
    ]);
  });
});
