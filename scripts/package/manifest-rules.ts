import { forEachString, type JsonValue } from './json';
import type { ManifestView } from './manifest-view';

/** Checks Teams enforces at upload (or Rounds relies on) that the JSON schema cannot express. */
export interface RuleResult {
  problems: string[];
  notes: string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `document` is the same manifest as `manifest`, kept as plain JSON so every URL in it is checked,
 * including fields added later that ManifestView does not name.
 */
export function checkManifestRules(manifest: ManifestView, document: JsonValue, envName: string): RuleResult {
  const result: RuleResult = { problems: [], notes: [] };
  checkHttps(document, envName, result);
  checkSchemaUrl(manifest, result);
  checkDomains(manifest, result);
  checkSso(manifest, result);
  return result;
}

/** Teams loads tabs and links only over https; plain http to this machine is tolerated for env local. */
function checkHttps(document: JsonValue, envName: string, result: RuleResult): void {
  const loopback: string[] = [];
  forEachString(document, (text, pointer) => {
    if (pointer === '/$schema' || !/^http:\/\//i.test(text)) return;
    const url = parseUrl(text);
    if (envName === 'local' && url !== undefined && LOOPBACK_HOSTS.has(url.hostname)) loopback.push(pointer);
    else result.problems.push(`${pointer}: Teams requires https, got "${text}"`);
  });
  if (loopback.length > 0) {
    result.notes.push(
      `http://localhost URLs (${loopback.join(', ')}) are accepted for env "local" only. Teams itself needs https: ` +
        'for debugging in Teams, run the dev tunnel so teamsapp.local.yml sets TAB_ENDPOINT to its https URL.',
    );
  }
}

function checkSchemaUrl(manifest: ManifestView, result: RuleResult): void {
  if (manifest.$schema !== undefined && !manifest.$schema.includes(`/v${manifest.manifestVersion}/`)) {
    result.problems.push(`/$schema: does not point at the v${manifest.manifestVersion} schema that manifestVersion declares`);
  }
}

/** validDomains holds bare hosts, and every tab page must load from one of them. */
function checkDomains(manifest: ManifestView, result: RuleResult): void {
  const domains = manifest.validDomains ?? [];
  domains.forEach((domain, index) => {
    if (domain.includes('://') || domain.includes('/')) {
      result.problems.push(`/validDomains/${index}: must be a host such as "rounds.example.org", without scheme or path (got "${domain}")`);
    }
  });
  for (const [pointer, url] of tabUrls(manifest)) {
    const host = parseUrl(url)?.host;
    if (host === undefined) result.problems.push(`${pointer}: is not a valid URL ("${url}")`);
    else if (!domains.some((domain) => domainMatches(domain, host))) {
      result.problems.push(`${pointer}: host "${host}" is not in validDomains (TAB_DOMAIN must be the host of TAB_ENDPOINT)`);
    }
  }
}

/** Rounds uses one Entra app as bot identity and SSO app; tab SSO needs api://<tab domain>/<app id>. */
function checkSso(manifest: ManifestView, result: RuleResult): void {
  const sso = manifest.webApplicationInfo;
  if (sso === undefined) return;
  const botId = manifest.bots?.[0]?.botId;
  if (botId !== undefined && sso.id !== botId) {
    result.problems.push('/webApplicationInfo/id: must equal /bots/0/botId (the bot and SSO share one Entra app)');
  }
  const domains = manifest.validDomains ?? [];
  if (sso.resource !== undefined && !domains.some((domain) => sso.resource === `api://${domain}/${sso.id}`)) {
    result.problems.push(`/webApplicationInfo/resource: must be api://<a validDomains entry>/${sso.id} (got "${sso.resource}")`);
  }
}

function tabUrls(manifest: ManifestView): [string, string][] {
  const urls: [string, string][] = [];
  manifest.configurableTabs?.forEach((tab, index) => urls.push([`/configurableTabs/${index}/configurationUrl`, tab.configurationUrl]));
  manifest.staticTabs?.forEach((tab, index) => {
    if (tab.contentUrl !== undefined) urls.push([`/staticTabs/${index}/contentUrl`, tab.contentUrl]);
    if (tab.websiteUrl !== undefined) urls.push([`/staticTabs/${index}/websiteUrl`, tab.websiteUrl]);
  });
  return urls;
}

/** Exact host[:port] match, or a "*.example.org" wildcard matching any subdomain. */
function domainMatches(domain: string, host: string): boolean {
  const wanted = domain.toLowerCase();
  const actual = host.toLowerCase();
  return wanted.startsWith('*.') ? actual.endsWith(wanted.slice(1)) : wanted === actual;
}

function parseUrl(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined;
}
