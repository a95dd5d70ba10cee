/**
 * Installs Rounds in a clinician's personal scope through Microsoft Graph, so the bot can then message
 * them 1:1. As Microsoft documents it (learn.microsoft.com/graph/api/appcatalogs-list-teamsapps,
 * /graph/api/userteamwork-post-installedapps, and the Teams guide "Send proactive installation messages"):
 * - the app's catalog id comes from `GET /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'`
 *   (an org-published app keeps the manifest id as `externalId`); application permission AppCatalog.Read.All;
 * - `POST /users/{id}/teamwork/installedApps` with `{"teamsApp@odata.bind": ".../appCatalogs/teamsApps/{catalog id}"}`
 *   answers 201 with no body; application permission TeamsAppInstallation.ReadWriteSelfForUser.All,
 *   which lets an app install only itself: the Entra app must be the one the manifest's
 *   webApplicationInfo.id names (BOT_ID);
 * - an app installed already answers 409 Conflict (the docs do not say so; it is what the same call on
 *   a team answers, microsoftgraph/microsoft-graph-docs#12199).
 * Outcomes carry no names, and nothing here logs who the user is.
 */
import type { Logger } from 'pino';
import { z } from 'zod/v4';
import { type AppInstallConfig } from '../config';
import { AppError } from '../domain/shared/app-error';
import type { BotInstaller, InstallOutcome } from '../domain/messages/message-types';
import { createGraphClient, type GraphClientDeps, graphFailure } from '../graph/graph-client';
import { GraphFailure } from '../graph/graph-failure';
import { type GraphResponse, parseJson } from '../graph/graph-http';
import { retryAfterMs } from '../net/retry-after';

export interface GraphBotInstallerDeps extends GraphClientDeps {
  /** Where an administrator learns why installs are refused (status, Graph code, request id; never a user). */
  logger?: Pick<Logger, 'warn'>;
}

/** Why Rounds was not installed. */
type Refusal = Extract<InstallOutcome, { kind: 'not-permitted' | 'unavailable' }>;
type CatalogApp = { kind: 'found'; catalogId: string } | Refusal;

const catalogAnswer = z.object({ value: z.array(z.object({ id: z.string().min(1), externalId: z.string().nullish() })) });

const NOT_PERMITTED = { kind: 'not-permitted' } as const;

/** The installer the configuration allows: null when Graph or TEAMS_APP_ID is not configured. */
export function createBotInstaller(config: AppInstallConfig | null, deps: GraphBotInstallerDeps = {}): BotInstaller | null {
  return config ? createGraphBotInstaller(config, deps) : null;
}

export function createGraphBotInstaller(settings: AppInstallConfig, deps: GraphBotInstallerDeps = {}): BotInstaller {
  const graph = createGraphClient(settings, deps);
  const catalogUrl = `${settings.graphBaseUrl}/appCatalogs/teamsApps`;
  // Only a found app is cached: once an administrator publishes Rounds, the next install finds it.
  let catalogId: string | null = null;
  let lookup: Promise<CatalogApp> | null = null;

  // The failure's message is operation, status, Graph's code and request id: what Microsoft support asks for.
  const warn = (failure: GraphFailure, why: string) => deps.logger?.warn({ graph: failure.message }, why);

  async function lookUp(): Promise<CatalogApp> {
    // TEAMS_APP_ID is a GUID (config checks it), so it needs no OData quoting.
    const filter = encodeURIComponent(`externalId eq '${settings.teamsAppId}'`);
    const response = await graph.send({ method: 'GET', url: `${catalogUrl}?$filter=${filter}`, operation: 'catalog' });
    if (response.status !== 200) return refused('catalog', response);
    const parsed = catalogAnswer.safeParse(parseJson(response.text));
    const app = parsed.success ? parsed.data.value.find((entry) => entry.externalId?.toLowerCase() === settings.teamsAppId.toLowerCase()) : undefined;
    if (!app) {
      warn(new GraphFailure('catalog', { status: 200, code: parsed.success ? 'not_in_catalog' : 'unreadable_answer' }), NOT_IN_CATALOG);
      return NOT_PERMITTED;
    }
    catalogId = app.id;
    return { kind: 'found', catalogId };
  }

  function catalogApp(): Promise<CatalogApp> {
    if (catalogId) return Promise.resolve({ kind: 'found', catalogId });
    lookup ??= lookUp().finally(() => {
      lookup = null;
    });
    return lookup;
  }

  /** Graph said no: busy (try later), or refused (only an administrator can change that). */
  function refused(operation: 'catalog' | 'install', response: GraphResponse): Refusal {
    const status = response.status;
    if (status === 429 || status >= 500) return { kind: 'unavailable', retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    // No such user in the organisation (a guest, or someone since removed): nothing to fix.
    if (operation === 'install' && status === 404) return NOT_PERMITTED;
    const { failure } = graphFailure(operation, response);
    warn(failure, status === 403 ? FORBIDDEN[operation] : status === 401 ? SIGN_IN_REFUSED : UNEXPECTED);
    return NOT_PERMITTED;
  }

  /** Nobody answered (unavailable), or Entra ID refused Rounds' own credentials (a setting to fix). */
  function failed(error: unknown): Refusal {
    if (!(error instanceof AppError)) throw error;
    const failure = error.cause instanceof GraphFailure ? error.cause : null;
    const status = failure?.status ?? null;
    if (failure && status !== null && status >= 400 && status < 500 && status !== 429) {
      warn(failure, error.userMessage);
      return NOT_PERMITTED;
    }
    return { kind: 'unavailable', retryAfterMs: null };
  }

  return {
    async installFor(tenantId, aadObjectId) {
      // The app-only token is for GRAPH_TENANT_ID: a clinician of another organisation is out of reach.
      if (tenantId.toLowerCase() !== settings.tenantId.toLowerCase()) return NOT_PERMITTED;
      try {
        const app = await catalogApp();
        if (app.kind !== 'found') return app;
        const response = await graph.send({
          method: 'POST',
          url: `${settings.graphBaseUrl}/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`,
          operation: 'install',
          body: { 'teamsApp@odata.bind': `${catalogUrl}/${encodeURIComponent(app.catalogId)}` },
        });
        if (response.status === 201) return { kind: 'installed' };
        if (response.status === 409) return { kind: 'already-installed' };
        return refused('install', response);
      } catch (error) {
        return failed(error);
      }
    },
  };
}

const NOT_IN_CATALOG =
  "Rounds cannot install itself for message recipients: TEAMS_APP_ID is not in the organisation's Teams app catalog. " +
  'Upload Rounds in the Teams admin center (Manage apps) so recipients get it without adding it themselves.';
const FORBIDDEN = {
  catalog:
    'Rounds cannot install itself for message recipients: Microsoft Graph refused to read the app catalog. ' +
    'Give the app GRAPH_CLIENT_ID the application permission AppCatalog.Read.All and grant admin consent.',
  install:
    'Rounds cannot install itself for a message recipient: Microsoft Graph refused. Give the app GRAPH_CLIENT_ID (the bot app, BOT_ID) ' +
    'the application permission TeamsAppInstallation.ReadWriteSelfForUser.All with admin consent, and allow Rounds in the Teams app permission policy.',
};
const SIGN_IN_REFUSED = 'Rounds cannot install itself for message recipients: Microsoft Graph did not accept its sign-in (GRAPH_TENANT_ID, GRAPH_CLIENT_ID).';
const UNEXPECTED = 'Rounds cannot install itself for a message recipient: Microsoft Graph did not accept the request.';
