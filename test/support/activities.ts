/** Teams-shaped activities as the Bot Connector posts them to /api/messages. */
import { randomUUID } from 'node:crypto';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const BOT = { id: '28:rounds-bot', name: 'Rounds' };
export const USER = { id: '29:user-kim', name: 'Dr Kim', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001' };
export const TEAM_ID = '19:team-general@thread.tacv2';

type Scope = 'personal' | 'channel' | 'groupChat';

function base(serviceUrl: string, scope: Scope, conversationId: string, teamId = conversationId): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: USER,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: scope, tenantId: TENANT_ID, ...(scope === 'personal' ? {} : { isGroup: true }) },
    channelData: {
      tenant: { id: TENANT_ID },
      ...(scope === 'channel' ? { team: { id: teamId, name: 'Ward 7 care team' }, channel: { id: conversationId } } : {}),
    },
    locale: 'en-US',
  };
}

export function message(serviceUrl: string, text: string, options: { scope?: Scope; conversationId?: string; localTimezone?: string } = {}) {
  const scope = options.scope ?? 'personal';
  return {
    ...base(serviceUrl, scope, options.conversationId ?? (scope === 'channel' ? TEAM_ID : 'a:personal-chat-kim')),
    type: 'message',
    text: scope === 'personal' ? text : `<at>Rounds</at> ${text}`,
    ...(scope === 'personal' ? {} : { entities: [{ type: 'mention', text: '<at>Rounds</at>', mentioned: BOT }] }),
    ...(options.localTimezone ? { localTimezone: options.localTimezone } : {}),
  };
}

/** Installing into a team: the conversation is the team's General channel, whose id is the team id. */
export function teamInstallation(serviceUrl: string, action: 'add' | 'remove', teamId = TEAM_ID) {
  return { ...base(serviceUrl, 'channel', teamId), type: 'installationUpdate', action };
}

/** The same activity from another organisation, e.g. dev mode's tenant, the one the tab API acts in there. */
export function inTenant<T extends object>(activity: T, tenantId: string): T {
  const json = activity as { conversation?: object; channelData?: object };
  return { ...activity, conversation: { ...json.conversation, tenantId }, channelData: { ...json.channelData, tenant: { id: tenantId } } };
}

export function botAddedToTeam(serviceUrl: string, teamId = TEAM_ID) {
  return {
    ...base(serviceUrl, 'channel', teamId),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    channelData: { tenant: { id: TENANT_ID }, team: { id: teamId }, eventType: 'teamMemberAdded' },
  };
}
