/** Explains why a channel tab (Patients, Visits) cannot work without a team channel, and how to give it one. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export function MissingChannel({ inTeams, tab = 'Patients' }: { inTeams: boolean; tab?: string }) {
  return (
    <MessageBar intent="warning">
      <MessageBarBody>
        <MessageBarTitle>No team channel</MessageBarTitle>
        {inTeams
          ? `The ${tab} tab works only in a channel of a team. Add it to your care team’s channel.`
          : 'Outside Teams, tell this page which channel it is for by adding ?teamId=...&channelId=... to the address, e.g. ?teamId=team-1&channelId=channel-1.'}
      </MessageBarBody>
    </MessageBar>
  );
}
