import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FakeRoute } from '../../test-support/fake-api';
import { aMessage, aThread, kim, lee, me, rolesUrl, threadsUrl } from '../../test-support/messages-fixtures';
import { aRow } from '../../test-support/patients-fixtures';
import { sessionWith } from '../../test-support/session';
import { PatientPanel } from './patient-panel';

jest.mock('@microsoft/teams-js', () => ({}));

const url = threadsUrl('list-1', 'e1');
const at = (time: string) => `2025-03-12T${time}:00Z`;
const chen = { aadObjectId: 'chen', name: 'Dr Chen' };

async function renderPanel(routes: FakeRoute[], focusMessages = false) {
  const { session, api } = await sessionWith([...routes, { method: 'GET', url: '/api/lists/list-1/patients/e1/visits', json: { visits: [] } }]);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientPanel
        row={aRow('e1')}
        api={session.api}
        channel={{ teamId: 'team-1', channelId: 'channel-1' }}
        listId="list-1"
        context={{ now: new Date('2025-03-12T12:00:00Z'), locale: 'en-GB' }}
        onClose={jest.fn()}
        onChanged={jest.fn()}
        focusMessages={focusMessages}
      />
    </FluentProvider>,
  );
  const section = await screen.findByRole('region', { name: 'Messages' });
  return { api, section };
}

const threadItems = (section: HTMLElement) => within(within(section).getByRole('list', { name: 'Message threads, newest first' })).getAllByRole('article');

describe('Patient panel, messages', () => {
  it("shows the patient's threads with priority, state, escalation steps and indented replies", async () => {
    const escalated = aMessage({
      id: 'm2',
      sender: kim,
      recipient: lee,
      role: 'Cardiology on call',
      backup: chen,
      priority: 'stat',
      text: 'Chest pain, ECG changes',
      sentAt: at('10:00'),
      deliveredAt: at('10:00'),
      events: [
        { kind: 'realerted', at: at('10:05'), by: null, detail: null },
        { kind: 'backup_alerted', at: at('10:10'), by: null, detail: null },
        { kind: 'channel_alerted', at: at('10:15'), by: null, detail: null },
      ],
    });
    const acknowledged = aMessage({ id: 'm1', sentAt: at('08:00'), deliveredAt: at('08:01'), acknowledgedAt: at('08:02'), acknowledgedBy: lee });
    const reply = aMessage({ id: 'r1', threadId: 'm1', inReplyTo: 'm1', sender: lee, recipient: me, text: 'Seen, all fine', sentAt: at('08:03') });
    const undelivered = aMessage({ id: 'm0', recipient: chen, sentAt: at('07:00'), undeliverable: 'not-installed' });
    const { section } = await renderPanel([{ method: 'GET', url, json: { threads: [aThread(escalated), aThread(acknowledged, [reply]), aThread(undelivered)] } }]);

    await within(section).findByRole('list', { name: 'Message threads, newest first' });
    const [first, second, inReply, third] = threadItems(section);
    expect(first).toHaveTextContent('Dr Kim → Cardiology on call (Dr Lee)');
    expect(first).toHaveTextContent('STAT');
    expect(first).toHaveTextContent('Delivered 10:00 · not acknowledged yet');
    expect(first).toHaveTextContent('Re-alerted 10:05 · Sent to backup Dr Chen 10:10 · Posted to the channel 10:15');
    expect(second).toHaveTextContent('Acknowledged by Dr Lee at 08:02');
    expect(inReply).toHaveTextContent('Dr Lee → Dev Clinician');
    expect(within(section).getByRole('list', { name: 'Replies' })).toContainElement(inReply!);
    expect(third).toHaveTextContent('Not delivered: Dr Chen has not added Rounds in Teams (not installed)');
  });

  it('acknowledges a message for me and answers it, then shows the thread as the service has it', async () => {
    const forMe = aMessage({ sender: kim, recipient: me, priority: 'urgent', canAcknowledge: true });
    const acknowledged = { ...forMe, acknowledgedAt: at('11:00'), acknowledgedBy: me, canAcknowledge: false };
    const reply = aMessage({ id: 'r1', threadId: 'm1', inReplyTo: 'm1', recipient: kim, text: 'On my way', sentAt: at('11:01') });
    const { api, section } = await renderPanel([
      { method: 'GET', url, json: { threads: [aThread(forMe)] }, once: true },
      { method: 'POST', url: '/api/clinician-messages/m1/acknowledge', json: acknowledged },
      { method: 'GET', url, json: { threads: [aThread(acknowledged)] }, once: true },
      { method: 'POST', url: '/api/clinician-messages/m1/replies', status: 201, json: reply },
      { method: 'GET', url, json: { threads: [aThread(acknowledged, [reply])] } },
    ]);

    fireEvent.click(await within(section).findByRole('button', { name: 'Acknowledge' }));
    expect(await within(section).findByText('Acknowledged by Dev Clinician at 11:00')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();

    fireEvent.click(within(section).getByRole('button', { name: 'Reply' }));
    fireEvent.change(within(section).getByRole('textbox', { name: /Reply/ }), { target: { value: ' On my way ' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Send reply' }));

    expect(await within(section).findByRole('list', { name: 'Replies' })).toHaveTextContent('On my way');
    expect(api.requests.find((r) => r.url.endsWith('/replies'))?.body).toEqual({ text: 'On my way' });
    expect(api.unexpected).toEqual([]);
  });

  it('sends a message from the panel, says so, and refreshes the thread', async () => {
    const sent = aMessage({ text: 'Please review the K+ result' });
    const { api, section } = await renderPanel([
      { method: 'GET', url, json: { threads: [] }, once: true },
      { method: 'GET', url: rolesUrl, json: { roles: [] } },
      { method: 'GET', url: '/api/people?q=lee', json: { people: [{ ...lee, email: null }] } },
      { method: 'POST', url: '/api/clinician-messages', status: 201, json: sent },
      { method: 'GET', url, json: { threads: [aThread(sent)] } },
    ]);
    expect(await within(section).findByText('No messages about this patient yet.')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Message' }));
    // In jsdom, tabster leaves the drawer's modal active and marks the dialog above it aria-hidden;
    // in a browser the dialog is the active modal (checked in chromium), so `hidden` only stands in for that.
    const hidden = { hidden: true };
    const dialog = await screen.findByRole('dialog', { name: 'Message about Ada Lovelace', ...hidden });
    fireEvent.change(within(dialog).getByRole('combobox', { name: /Person/, ...hidden }), { target: { value: 'lee' } });
    fireEvent.click(await screen.findByRole('option', { name: /Dr Lee/, ...hidden }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Message/, ...hidden }), { target: { value: 'Please review the K+ result' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send', ...hidden }));

    expect(await within(section).findByText('Message sent to Dr Lee.')).toBeInTheDocument();
    await waitFor(() => expect(threadItems(section)).toHaveLength(1));
    expect(threadItems(section)[0]).toHaveTextContent('Please review the K+ result');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ listEntryId: 'e1' });
  });

  it('takes focus when opened from a link to the messages', async () => {
    const { section } = await renderPanel([{ method: 'GET', url, json: { threads: [] } }], true);

    await waitFor(() => expect(section).toHaveFocus());
  });
});
