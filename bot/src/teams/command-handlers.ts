import type { Application } from '@microsoft/teams-ai';
import { commands, commandWord } from './commands';
import { helpCard } from './help-card';
import { unknownCommandCard } from './unknown-command-card';
import { sendCard } from './send-card';
import type { RoundsTurnState } from './turn-state';

/** Text commands. Registered last among message routes: the final one answers anything unrecognised. */
export function registerCommandHandlers(app: Application<RoundsTurnState>): void {
  app.message(
    async (context) => commandWord(context.activity.text) === 'help',
    async (context) => {
      await sendCard(context, helpCard(commands));
    },
  );

  // Card submissions (Action.Submit) arrive as messages with a value and no text: they are not commands.
  app.message(
    async (context) => context.activity.value === undefined,
    async (context) => {
      await sendCard(context, unknownCommandCard(commands));
    },
  );
}
