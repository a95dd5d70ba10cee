import pino from 'pino';
import type { Installation, InstallationStore } from '../../domain/shared/installations';
import type { TeamMember } from '../visits/clinician-match';
import { ConnectorPeopleDirectory, type TeamMembersLookup } from './connector-people-directory';

const installation = (conversationId: string, teamId: string | null, scope: Installation['scope'] = 'team'): Installation => ({
  conversationId,
  tenantId: 'tenant-1',
  scope,
  teamId,
  channelId: teamId && conversationId,
  reference: {},
  installedAt: new Date(0),
  removedAt: null,
});

const member = (name: string, aadObjectId: string | null): TeamMember => ({ teamsUserId: `29:${name}`, aadObjectId, name, email: null });

function directoryWith(installations: Installation[], members: TeamMembersLookup, now = () => 0) {
  const store: Pick<InstallationStore, 'listActive'> = { listActive: async () => installations };
  return new ConnectorPeopleDirectory({ installations: store as InstallationStore, members, logger: pino({ level: 'silent' }), now });
}

describe('ConnectorPeopleDirectory', () => {
  it('asks each team once, however many of its channels have Rounds, and shares a lookup in flight', async () => {
    const asked: string[] = [];
    const lookup: TeamMembersLookup = async (found) => {
      asked.push(found.teamId ?? '');
      return [member('Dr Lee', 'lee'), member('Dr Bot', null)];
    };
    const directory = directoryWith([installation('team-a', 'team-a'), installation('channel-a2', 'team-a'), installation('team-b', 'team-b'), installation('chat', null, 'groupChat')], lookup);

    const [first, second] = await Promise.all([directory.search('tenant-1', 'dr', 20), directory.search('tenant-1', 'dr', 20)]);

    expect(first).toEqual([{ aadObjectId: 'lee', name: 'Dr Lee', email: null }]);
    expect(second).toEqual(first);
    expect(asked).toEqual(['team-a', 'team-b']);
  });

  it('asks again after five minutes, and at once after a failure', async () => {
    let nowMs = 0;
    const answers: (TeamMember[] | null | Error)[] = [new Error('connector down'), null, [member('Dr Lee', 'lee')], [member('Dr Lee', 'lee'), member('Dr Kim', 'kim')]];
    const lookup: TeamMembersLookup = async () => {
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return answer ?? null;
    };
    const directory = directoryWith([installation('team-a', 'team-a')], lookup, () => nowMs);
    const search = async () => (await directory.search('tenant-1', 'dr', 20)).map((person) => person.name);

    expect(await search()).toEqual([]);
    expect(await search()).toEqual([]);
    expect(await search()).toEqual(['Dr Lee']);
    nowMs = 5 * 60_000 - 1;
    expect(await search()).toEqual(['Dr Lee']);
    nowMs = 5 * 60_000 + 1;
    expect(await search()).toEqual(['Dr Kim', 'Dr Lee']);
  });
});
