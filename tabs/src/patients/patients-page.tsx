/**
 * Content page of the Patients channel tab. For now it shows how the channel gets its patients and
 * an empty list: rounding lists and the patient panel come with their own issues.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import type { PatientsConfig, PatientsConfigQuery } from '../../../bot/src/contracts/api';
import { EmptyState } from '../shared/empty-state';
import { ErrorBar } from '../shared/error-bar';
import type { TabSession } from '../shared/tab-root';
import { useLoad } from '../shared/use-load';
import { MissingChannel } from './missing-channel';
import { channelOf, loadPatientsConfig } from './patients-api';
import { MODE_LABELS } from './patients-mode';

export function PatientsPage({ session }: { session: TabSession }) {
  const channel = channelOf(session.host);
  if (!channel) return <MissingChannel inTeams={session.host.inTeams} />;
  return <ChannelPatients session={session} channel={channel} />;
}

function ChannelPatients({ session, channel }: { session: TabSession; channel: PatientsConfigQuery }) {
  const state = useLoad(`${channel.teamId}/${channel.channelId}`, () => loadPatientsConfig(session.api, channel));
  switch (state.kind) {
    case 'loading':
      return <Spinner label="Loading this channel's patients…" />;
    case 'failed':
      return <ErrorBar error={state.error} />;
    case 'loaded':
      return <PatientsOverview config={state.value} />;
  }
}

function PatientsOverview({ config }: { config: PatientsConfig }) {
  if (!config.mode) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>This channel's Patients tab is not configured yet</MessageBarTitle>
          Open the tab's settings and choose where this channel's patients come from.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <>
      <Text>Patients come from: {MODE_LABELS[config.mode]}</Text>
      <EmptyState title="No rounding lists yet" />
    </>
  );
}
