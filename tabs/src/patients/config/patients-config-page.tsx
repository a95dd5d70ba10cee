/** Teams configurationUrl of the Patients channel tab: loads the channel's mode, then shows the form. */
import { Spinner } from '@fluentui/react-components';
import type { PatientsConfigQuery } from '../../../../bot/src/contracts/api';
import { ErrorBar } from '../../shared/error-bar';
import type { TabSession } from '../../shared/tab-root';
import { useLoad } from '../../shared/use-load';
import { MissingChannel } from '../../shared/missing-channel';
import { channelOf, loadPatientsConfig } from '../patients-api';
import { ConfigForm } from './config-form';

export function PatientsConfigPage({ session }: { session: TabSession }) {
  const channel = channelOf(session.host);
  if (!channel) return <MissingChannel inTeams={session.host.inTeams} />;
  return <ChannelConfig session={session} channel={channel} />;
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
