/**
 * The commands the bot understands. One list feeds the help card, the unknown-command reply and the
 * manifest check (appPackage's command lists must name exactly the available commands).
 */
export interface BotCommand {
  name: string;
  /** What to type, shown in the help card. */
  example: string;
  description: string;
}

export const commands: readonly BotCommand[] = [
  { name: 'help', example: 'help', description: 'Show what Rounds does and the commands it understands.' },
];

/** The first word of a message, lower-cased: how a command is recognised. */
export function commandWord(text: string | undefined): string {
  return (text ?? '').trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
}
