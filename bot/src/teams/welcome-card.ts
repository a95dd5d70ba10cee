import type { AdaptiveCard } from '@microsoft/teams-ai';
import type { ConversationScope } from '../domain/shared/installations';
import { card, heading, paragraph } from './card-parts';

const whereToStart: Record<ConversationScope, string> = {
  team: 'Add the **Patients** tab to a channel to keep its rounding lists, and type **@Rounds help** to see what I can do here.',
  groupChat: 'Type **@Rounds help** to see what I can do in this chat.',
  personal: 'Open **My visits** above for your day, or type **help** to see what I can do.',
};

/** Sent once when Rounds is installed in a team (General channel), a group chat or a personal chat. */
export function welcomeCard(scope: ConversationScope): AdaptiveCard {
  return card([
    heading('Rounds is here'),
    paragraph('Rounds helps care teams in Teams:'),
    {
      type: 'FactSet',
      facts: [
        { title: 'Patients', value: 'rounding lists per channel, from the hospital EHR or kept by hand' },
        { title: 'Virtual visits', value: 'video visits with a virtual lobby patients join from a link' },
        { title: 'Messages', value: 'clinician-to-clinician messages with acknowledgement and escalation' },
      ],
    },
    paragraph(whereToStart[scope]),
  ]);
}
