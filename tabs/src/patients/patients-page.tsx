/**
 * Content page of the Patients channel tab: checks the channel is set up, then shows its rounding
 * lists (board/patients-board.tsx).
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import type { PatientsConfigQuery } from '../../../bot/src/contracts/api';
import { ErrorBar } from '../shared/error-bar';
import type { TabSession } from '../shared/tab-root';
import { useLoad } from '../shared/use-load';
import { PatientsBoardView } from './board/patients-board';
import { GridSkeleton } from './grid/grid-skeleton';
import { MissingChannel } from '../shared/missing-channel';
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
      return <GridSkeleton label="Loading this channel's patients…" />;
    case 'failed':
      return <ErrorBar error={state.error} />;
    case 'loaded':
      if (!state.value.mode) return <NotConfigured />;
      return (
        <>
          {/* Says where the rows come from: an empty search means something else in each mode. */}
          <Text size={200}>Patients come from: {MODE_LABELS[state.value.mode]}</Text>
          <PatientsBoardView session={session} channel={channel} mode={state.value.mode} />
        </>
      );
  }
}

function NotConfigured() {
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        <MessageBarTitle>This channel's Patients tab is not configured yet</MessageBarTitle>
        Open the tab's settings and choose where this channel's patients come from.
      </MessageBarBody>
    </MessageBar>
  );
}
