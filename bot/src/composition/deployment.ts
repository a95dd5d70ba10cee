/**
 * Everything that differs between dev mode (no BOT_ID: loopback only, one local clinician, no Teams
 * to ask) and a Teams deployment, decided here once. Capabilities read these answers; none of them
 * looks at `config.bot` itself.
 */
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { BUILT_IN_DEV_USER } from '../dev-user';
import type { TeamMembership } from '../domain/shared/actor';
import type { InstallationStore } from '../domain/shared/installations';
import { devAuthenticator } from '../http/auth/dev-authenticator';
import type { Authenticator } from '../http/auth/identity';
import { createSsoAuthenticator } from '../http/auth/sso-authenticator';
import { createBotAdapter } from '../teams/bot-adapter';
import { connectorTeamMembers, type ConnectorPeopleDirectoryDeps, type TeamMembersLookup } from '../teams/people/connector-people-directory';
import { ConnectorTeamMembership, connectorMemberLookup } from '../teams/people/connector-team-membership';

export interface Deployment {
  /** No BOT_ID: unauthenticated, loopback only; the outbox page and the SMS simulator are open. */
  devMode: boolean;
  /** The bot's Entra app id; null in dev mode. */
  appId: string | null;
  adapter: TeamsAdapter;
  /** Who calls the tab API: Teams SSO tokens, or the dev clinician. */
  authenticator: Authenticator;
  /** Who is in a team: asked of Teams, or everyone in dev mode (one local user, no team to ask). */
  membership: TeamMembership;
  /** Who a team's members are, for the people picker. */
  teamMembers: TeamMembersLookup;
  /** People pickable without asking Teams: the dev clinician, since dev mode may have Rounds in no team yet. */
  localPeople: NonNullable<ConnectorPeopleDirectoryDeps['localPeople']>;
  /** The tenant the integration API's visits belong to: the key belongs to this deployment. */
  tenantId: string;
}

export function deploymentOf(config: Config, installations: InstallationStore, logger: Logger): Deployment {
  const adapter = createBotAdapter(config.bot);
  if (config.bot) {
    const { appId, tenantId } = config.bot;
    return {
      devMode: false,
      appId,
      adapter,
      authenticator: createSsoAuthenticator({ appId, publicHost: new URL(config.publicUrl).host, tenantId, jwksUrl: config.ssoJwksUrl }),
      membership: new ConnectorTeamMembership(connectorMemberLookup(adapter, appId), installations),
      teamMembers: connectorTeamMembers(adapter, appId, logger),
      localPeople: [],
      tenantId: tenantId ?? BUILT_IN_DEV_USER.tenantId,
    };
  }
  const devUser = config.devUser ?? BUILT_IN_DEV_USER;
  return {
    devMode: true,
    appId: null,
    adapter,
    authenticator: devAuthenticator(devUser),
    membership: { isMember: async () => true },
    teamMembers: connectorTeamMembers(adapter, '', logger),
    localPeople: [{ tenantId: devUser.tenantId, aadObjectId: devUser.id, name: devUser.name, email: devUser.email }],
    tenantId: devUser.tenantId,
  };
}
