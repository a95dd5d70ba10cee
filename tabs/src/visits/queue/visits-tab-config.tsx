/**
 * The Visits channel tab's settings: which visits it shows (this channel's, or the whole team's). Kept
 * in the tab's address, so saving stores nothing on the server. Inside Teams the dialog's own Save
 * button creates the tab; outside Teams (dev mode) a link opens the page as the tab would.
 */
import { Field, Link, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useEffect, useEffectEvent, useState } from 'react';
import { onConfigSave, setConfigValid } from '../../shared/teams-host';
import { QUEUE_SCOPES, visitsTabInstance } from './queue-scope';
import type { QueueScope } from './queue-scope';

export interface VisitsTabConfigProps {
  inTeams: boolean;
  channel: { teamId: string; channelId: string };
  initialScope: QueueScope;
}

export function VisitsTabConfig({ inTeams, channel, initialScope }: VisitsTabConfigProps) {
  const [scope, setScope] = useState<QueueScope>(initialScope);
  // An Effect Event so the handler registered once still saves the scope picked last.
  const instance = useEffectEvent(() => visitsTabInstance(channel.channelId, scope, window.location.href));

  useEffect(() => {
    if (!inTeams) return;
    setConfigValid(true);
    onConfigSave(
      () => Promise.resolve(instance()),
      () => 'Rounds could not save this tab. Try again.',
    );
  }, [inTeams]);

  const page = new URL(visitsTabInstance(channel.channelId, scope, window.location.href).contentUrl);
  page.searchParams.set('teamId', channel.teamId);
  page.searchParams.set('channelId', channel.channelId);
  return (
    <>
      <Field label="Which visits does this tab show?" hint="Today’s visits, live: who is waiting, for how long, and Admit, Message patient, Mark no-show and End visit for every member of the team.">
        <RadioGroup value={scope} onChange={(_, data) => setScope(data.value === 'team' ? 'team' : 'channel')}>
          {QUEUE_SCOPES.map((option) => (
            <Radio key={option.value} value={option.value} label={option.label} />
          ))}
        </RadioGroup>
      </Field>
      {!inTeams && (
        <Text>
          Outside Teams there is no tab to save: <Link href={page.href}>open the Visits tab</Link> as Teams would show it.
        </Text>
      )}
    </>
  );
}
