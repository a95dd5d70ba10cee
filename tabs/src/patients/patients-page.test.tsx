import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import type { PatientsConfig } from '../../../bot/src/contracts/api';
import { sessionWith } from '../test-support/session';
import { PatientsPage } from './patients-page';

jest.mock('@microsoft/teams-js', () => ({}));

const configUrl = '/api/patients/config?teamId=team-1&channelId=channel-1';
const unconfigured: PatientsConfig = { teamId: 'team-1', channelId: 'channel-1', mode: null, updatedAt: null, updatedBy: null };

async function renderWithConfig(config: PatientsConfig) {
  const { session } = await sessionWith([{ method: 'GET', url: configUrl, json: config }]);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientsPage session={session} />
    </FluentProvider>,
  );
}

describe('Patients page', () => {
  it('says when the channel has not been configured', async () => {
    await renderWithConfig(unconfigured);

    expect(await screen.findByText("This channel's Patients tab is not configured yet")).toBeInTheDocument();
    expect(screen.queryByText('No rounding lists yet')).not.toBeInTheDocument();
  });

  it('shows the channel mode and an empty list once configured', async () => {
    await renderWithConfig({ ...unconfigured, mode: 'manual', updatedAt: '2025-01-01T08:00:00Z', updatedBy: 'Alice Moreau' });

    expect(await screen.findByText('Patients come from: Manual (enter patients by hand)')).toBeInTheDocument();
    expect(screen.getByText('No rounding lists yet')).toBeInTheDocument();
  });
});
