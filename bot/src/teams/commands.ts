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
  {
    name: 'schedule',
    example: 'schedule a visit with Alex Morgan tomorrow at 3pm for 30 minutes with Dr Lee about wound check',
    description: 'Schedule a video visit; I show a card to check and confirm first. "schedule" alone opens the form.',
  },
  { name: 'visits', example: 'visits', description: "Today's visits: this channel's in a team (the whole team's in its visits channel), yours in a chat." },
  {
    name: 'message',
    example: 'urgent message cardiology on call about Alex Morgan: K+ 6.1 this morning, please review',
    description:
      'Message a colleague or the person on call for a role about a patient; "urgent" and "stat" escalate until acknowledged. "message" alone opens the form.',
  },
  {
    name: 'visits-channel',
    example: 'visits-channel',
    description: 'In a team channel: make it the team\'s channel for visits, where the cards of visits scheduled in its other channels are posted too. "visits-channel off" stops it.',
  },
];

/** The first word of a message, lower-cased: how a command is recognised. */
export function commandWord(text: string | undefined): string {
  return (text ?? '').trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
}
