import type { Installation, InstallationStore } from '../../domain/shared/installations';
import { ConnectorTeamMembership, type MemberLookup } from './connector-team-membership';

const actor = { userId: 'aad-user-1', tenantId: 'tenant-a', name: 'Dr Lee' };
const team: Installation = {
  conversationId: 'team-1',
  tenantId: 'tenant-a',
  scope: 'team',
  teamId: 'team-1',
  channelId: 'team-1',
  reference: { serviceUrl: 'https://smba.example/', conversation: { id: 'team-1' } },
  installedAt: new Date(0),
  removedAt: null,
};

function installations(found: Installation | null): InstallationStore {
  return { get: async () => found, upsertActive: async () => ({ isNew: false }), markRemoved: async () => undefined, listActive: async () => [] };
}

describe('ConnectorTeamMembership', () => {
  it('asks for the team members through the team’s stored conversation reference, with the user’s object id', async () => {
    const lookup = jest.fn<ReturnType<MemberLookup>, Parameters<MemberLookup>>(async () => true);
    const membership = new ConnectorTeamMembership(lookup, installations(team));

    expect(await membership.isMember(actor, 'team-1')).toBe(true);
    expect(lookup).toHaveBeenCalledWith(team.reference, 'team-1', 'aad-user-1');
  });

  it('caches answers for five minutes, then asks again', async () => {
    let now = 0;
    const lookup = jest.fn<ReturnType<MemberLookup>, Parameters<MemberLookup>>(async () => false);
    const membership = new ConnectorTeamMembership(lookup, installations(team), () => now);

    await membership.isMember(actor, 'team-1');
    now = 4 * 60 * 1000;
    await membership.isMember(actor, 'team-1');
    expect(lookup).toHaveBeenCalledTimes(1);
    now = 6 * 60 * 1000;
    await membership.isMember(actor, 'team-1');
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['Rounds is not installed in the team', null],
    ['Rounds was removed from the team', { ...team, removedAt: new Date(1) }],
    ['the team belongs to another tenant', { ...team, tenantId: 'tenant-b' }],
  ])('confirms nobody when %s, without asking Teams', async (_case, installation) => {
    const lookup = jest.fn<ReturnType<MemberLookup>, Parameters<MemberLookup>>(async () => true);

    expect(await new ConnectorTeamMembership(lookup, installations(installation)).isMember(actor, 'team-1')).toBe(false);
    expect(lookup).not.toHaveBeenCalled();
  });
});
