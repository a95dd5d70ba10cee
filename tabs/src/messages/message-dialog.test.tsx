import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FakeRoute } from '../test-support/fake-api';
import { aMessage, lee, rolesUrl } from '../test-support/messages-fixtures';
import { sessionWith } from '../test-support/session';
import { MessageDialog } from './message-dialog';
import { onJestClock } from '../test-support/jest-clock';

jest.mock('@microsoft/teams-js', () => ({}));

onJestClock();

const sendUrl = '/api/clinician-messages';
const peopleUrl = (q: string) => `/api/people?q=${q}`;
const roles = {
  roles: [
    { role: 'Cardiology on call', onDuty: lee, backup: { aadObjectId: 'chen', name: 'Dr Chen' }, until: '2026-11-24T20:00:00Z' },
    { role: 'Nephrology on call', onDuty: null, backup: null, until: null },
  ],
};

async function renderDialog(routes: FakeRoute[], roster: unknown = roles) {
  const { session, api } = await sessionWith([...routes, { method: 'GET', url: rolesUrl, json: roster }]);
  const onSent = jest.fn();
  const onClose = jest.fn();
  render(
    <FluentProvider theme={teamsLightTheme}>
      <MessageDialog api={session.api} patientName="Ada Lovelace" listEntryId="e1" onSent={onSent} onClose={onClose} />
    </FluentProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Message about Ada Lovelace' });
  return { api, onSent, onClose, dialog };
}

const sends = (api: { requests: { method: string; url: string; body: unknown }[] }) => api.requests.filter((r) => r.method === 'POST' && r.url === sendUrl);

async function pickLee(dialog: HTMLElement) {
  fireEvent.change(within(dialog).getByRole('combobox', { name: /Person/ }), { target: { value: 'lee' } });
  fireEvent.click(await screen.findByRole('option', { name: /Dr Lee/ }));
}

const write = (dialog: HTMLElement, text: string) => fireEvent.change(within(dialog).getByRole('textbox', { name: /Message/ }), { target: { value: text } });

describe('Message dialog', () => {
  it('sends to a person found by search, with the chosen priority, naming only the list entry', async () => {
    const { api, onSent, onClose, dialog } = await renderDialog([
      { method: 'GET', url: peopleUrl('lee'), json: { people: [{ ...lee, email: 'lee@example.org' }] } },
      { method: 'POST', url: sendUrl, status: 201, json: aMessage({ priority: 'urgent' }) },
    ]);

    await pickLee(dialog);
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Urgent' }));
    expect(within(dialog).getByText(/Escalates if not acknowledged/)).toBeInTheDocument();
    write(dialog, '  Troponin up, please review  ');
    expect(within(dialog).getByText(`30 / 2000`)).toBeInTheDocument();
    const send = within(dialog).getByRole('button', { name: 'Send' });
    fireEvent.click(send);
    fireEvent.click(send);

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    // The double click sent once: the button waits for the answer.
    expect(sends(api)).toHaveLength(1);
    expect(sends(api)[0]?.body).toEqual({
      to: { kind: 'person', person: { ...lee, email: 'lee@example.org' } },
      priority: 'urgent',
      text: 'Troponin up, please review',
      listEntryId: 'e1',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ id: 'm1' }));
  });

  it('sends a retry with the same idempotency key, so the message goes out once', async () => {
    const { api, onClose, dialog } = await renderDialog([
      { method: 'GET', url: peopleUrl('lee'), json: { people: [{ ...lee, email: null }] } },
      { method: 'POST', url: sendUrl, status: 503, json: { error: { code: 'unavailable', message: 'Rounds could not save the message. Try again.' } }, once: true },
      { method: 'POST', url: sendUrl, status: 201, json: aMessage() },
    ]);
    await pickLee(dialog);
    write(dialog, 'Please review');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Rounds could not save the message. Try again.')).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [first, second] = sends(api).map((request) => (request.body as { idempotencyKey: string }).idempotencyKey);
    expect(second).toBe(first);
  });

  it('shows who is on duty for each role, and the service’s "nobody on duty" at the recipient field', async () => {
    const nobody = 'No one is on call as "Nephrology on call" right now, so nothing was sent. Message a person instead, or add a shift in the On-call tab.';
    const { api, dialog } = await renderDialog([{ method: 'POST', url: sendUrl, status: 404, json: { error: { code: 'not_found', message: nobody, field: 'to' } } }]);

    fireEvent.click(within(dialog).getByRole('radio', { name: 'An on-call role' }));
    fireEvent.click(await within(dialog).findByRole('combobox', { name: /On-call role/ }));
    expect(screen.getByRole('option', { name: /Cardiology on call/ })).toHaveTextContent('On duty now: Dr Lee (backup Dr Chen)');
    fireEvent.click(screen.getByRole('option', { name: /Nephrology on call/ }));
    expect(within(dialog).getByText('Nobody is on duty as Nephrology on call right now: message a person instead.')).toBeInTheDocument();

    write(dialog, 'Creatinine doubled');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(await within(dialog).findByText(nobody)).toBeInTheDocument();
    expect(sends(api)[0]?.body).toMatchObject({ to: { kind: 'role', role: 'Nephrology on call' }, priority: 'routine' });
    expect(within(dialog).getByRole('combobox', { name: /On-call role/ })).toHaveAttribute('aria-invalid', 'true');
  });

  it('asks for a recipient and a text before sending anything, and shows the service’s text error at the field', async () => {
    const { api, dialog } = await renderDialog([
      { method: 'GET', url: peopleUrl('lee'), json: { people: [{ ...lee, email: null }] } },
      { method: 'POST', url: sendUrl, status: 400, json: { error: { code: 'validation', message: 'Keep the message under 2000 characters.', field: 'text' } } },
    ]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Pick a person from the search.')).toBeInTheDocument();
    await pickLee(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Write the message.')).toBeInTheDocument();
    expect(sends(api)).toHaveLength(0);

    write(dialog, 'Long text');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Keep the message under 2000 characters.')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: /Message/ })).toHaveAttribute('aria-invalid', 'true');
  });

  it('says when there is no role to choose, and asks for one at the field', async () => {
    const { api, dialog } = await renderDialog([], { roles: [] });

    fireEvent.click(within(dialog).getByRole('radio', { name: 'An on-call role' }));
    expect(await within(dialog).findByText('No on-call roles yet: add shifts in the On-call tab, or message a person.')).toBeInTheDocument();
    write(dialog, 'Creatinine doubled');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    expect(await within(dialog).findByText('Choose a role.')).toBeInTheDocument();
    expect(sends(api)).toHaveLength(0);
  });
});
