import { commands } from '../../bot/src/teams/commands';
import { localManifest, type JsonObject } from './test-support';

describe('the manifest’s bot command lists', () => {
  it('name exactly the commands the bot answers, in every scope', () => {
    const bots = localManifest().bots as JsonObject[];
    const lists = bots[0]?.commandLists as { scopes: string[]; commands: { title: string }[] }[];

    expect(lists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.commands.map((command) => command.title).sort()).toEqual(commands.map((command) => command.name).sort());
    }
  });
});
