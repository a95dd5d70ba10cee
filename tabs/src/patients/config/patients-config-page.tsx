/**
 * Teams configurationUrl of Rounds' channel tab. Teams allows one configurable tab per app, so this
 * page adds either of Rounds' channel tabs: Patients (loads the channel's mode, then shows its form)
 * or Visits (the care team's queue, see tabs/src/visits/queue).
 */
import { Field, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PatientsConfigQuery } from '../../../../bot/src/contracts/api';
import { ErrorBar } from '../../shared/error-bar';
import { MissingChannel } from '../../shared/missing-channel';
import type { TabSession } from '../../shared/tab-root';
import { savedTabUrl } from '../../shared/teams-host';
import { useLoad } from '../../shared/use-load';
import { scopeOf } from '../../visits/queue/queue-scope';
import { VisitsTabConfig } from '../../visits/queue/visits-tab-config';
import { channelOf, loadPatientsConfig } from '../patients-api';
import { ConfigForm } from './config-form';

type TabKind = 'patients' | 'visits';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalL },
});

export function PatientsConfigPage({ session }: { session: TabSession }) {
  const channel = channelOf(session.host);
  if (!channel) return <MissingChannel inTeams={session.host.inTeams} />;
  // Outside Teams there is no saved tab to open on: it starts from Patients, as a new tab does.
  if (!session.host.inTeams) return <TabChoice session={session} channel={channel} initialKind="patients" savedSearch="" />;
  return <SavedTab session={session} channel={channel} />;
}

/** Settings of an existing tab open on that tab's kind and choices. */
function SavedTab({ session, channel }: { session: TabSession; channel: PatientsConfigQuery }) {
  const saved = useLoad('saved-tab', savedTabUrl);
  if (saved.kind === 'loading') return <Spinner label="Loading this tab’s settings…" />;
  // A saved address that cannot be read starts from Patients, as a new tab does.
  const url = saved.kind === 'loaded' && saved.value && URL.canParse(saved.value) ? new URL(saved.value) : undefined;
  const kind: TabKind = url?.pathname.endsWith('/visits-queue.html') ? 'visits' : 'patients';
  return <TabChoice session={session} channel={channel} initialKind={kind} savedSearch={url?.search ?? ''} />;
}

function TabChoice({ session, channel, initialKind, savedSearch }: { session: TabSession; channel: PatientsConfigQuery; initialKind: TabKind; savedSearch: string }) {
  const styles = useStyles();
  const [kind, setKind] = useState<TabKind>(initialKind);
  return (
    <div className={styles.page}>
      <Field label="Which Rounds tab is this?">
        <RadioGroup value={kind} onChange={(_, data) => setKind(data.value === 'visits' ? 'visits' : 'patients')}>
          <Radio value="patients" label="Patients: this channel’s rounding lists" />
          <Radio value="visits" label="Visits: the care team’s queue of today’s video visits" />
        </RadioGroup>
      </Field>
      {kind === 'patients' ? (
        <ChannelConfig session={session} channel={channel} />
      ) : (
        <VisitsTabConfig inTeams={session.host.inTeams} channel={channel} initialScope={scopeOf(savedSearch)} />
      )}
    </div>
  );
}

function ChannelConfig({ session, channel }: { session: TabSession; channel: PatientsConfigQuery }) {
  const state = useLoad(`${channel.teamId}/${channel.channelId}`, () => loadPatientsConfig(session.api, channel));
  switch (state.kind) {
    case 'loading':
      return <Spinner label="Loading this channel's settings…" />;
    case 'failed':
      return <ErrorBar error={state.error} />;
    case 'loaded':
      return <ConfigForm session={session} channel={channel} initial={state.value} />;
  }
}
