import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FakeRoute } from '../../test-support/fake-api';
import { sessionWith } from '../../test-support/session';
import { aVisit } from '../../test-support/visit-fixtures';
import { ScheduleVisitDialog } from './schedule-visit-dialog';
import type { ScheduleKind } from './schedule-kind';

jest.mock('@microsoft/teams-js', () => ({}));

const base = '/api/lists/list-1/patients/e1';
const type = (key: string, name: string, minutes: number) => ({ key, name, defaultDurationMinutes: minutes, telehealth: true, templates: { sms: true, email: true }, builtIn: true, edited: null });
const draft = {
  patient: { name: 'Ada Lovelace', source: 'ehr' },
  contact: { phone: '+12025550100', email: null },
  visitTypes: [type('video', 'Video visit', 30), type('family-call', 'Family call', 30), type('follow-up', 'Follow-up after discharge', 20)],
};
const refusal = (field: string, message: string) => ({ status: 400, json: { error: { code: 'validation', message, field } } });

async function renderDialog(kind: ScheduleKind, routes: FakeRoute[]) {
  const { session, api } = await sessionWith([{ method: 'GET', url: `${base}/visit-draft`, json: draft }, ...routes]);
  const onScheduled = jest.fn();
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ScheduleVisitDialog api={session.api} listId="list-1" entryId="e1" patientName="Ada Lovelace" kind={kind} onScheduled={onScheduled} onClose={jest.fn()} />
    </FluentProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: kind === 'family-call' ? 'Family call with Ada Lovelace' : 'Follow-up with Ada Lovelace' });
  await within(dialog).findByRole('combobox', { name: /Visit type/ });
  return { api, dialog, onScheduled };
}

const type_ = (dialog: HTMLElement, label: RegExp | string, value: string) => fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
const posts = (api: { requests: { method: string; body: unknown }[] }) => api.requests.filter((request) => request.method === 'POST');

describe('Schedule visit dialog', () => {
  it('starts a follow-up with the follow-up type and the patient’s mobile from the EHR', async () => {
    const { dialog } = await renderDialog('follow-up', []);
    expect(within(dialog).getByRole('combobox', { name: /Visit type/ })).toHaveValue('follow-up');
    expect(within(dialog).getByLabelText(/Patient’s mobile/)).toHaveValue('+12025550100');
    expect(within(dialog).getByText(/Empty: 20 minutes/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('group', { name: 'Guest 1' })).toBeNull();
  });

  it('asks for the date and time before calling the API', async () => {
    const { api, dialog } = await renderDialog('follow-up', []);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));
    expect(await within(dialog).findByText('Choose the date and time of the visit.')).toBeInTheDocument();
    expect(posts(api)).toEqual([]);
  });

  it('books a family call with the relative typed in, dropping empty guest rows', async () => {
    const visit = aVisit();
    const { api, dialog, onScheduled } = await renderDialog('family-call', [{ method: 'POST', url: `${base}/visits`, status: 201, json: visit }]);
    type_(dialog, /^Date/, '2031-03-10');
    type_(dialog, /^Time/, '15:30');
    type_(dialog, 'Guest 1 name', 'Byron Lovelace');
    fireEvent.change(within(within(dialog).getByRole('group', { name: 'Guest 1' })).getByLabelText(/^Email/), { target: { value: 'byron@example.org' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a relative' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    await waitFor(() => expect(posts(api)).toHaveLength(1));
    expect(posts(api)[0]?.body).toMatchObject({
      visitType: 'family-call',
      // The patient is on the ward: their own phone is not filled in for a family call.
      patientContact: {},
      guests: [{ name: 'Byron Lovelace', email: 'byron@example.org' }],
      admitWhenClinicianJoins: true,
      idempotencyKey: expect.any(String),
    });
    expect(posts(api)[0]?.body).not.toHaveProperty('durationMinutes');
    await waitFor(() => expect(onScheduled).toHaveBeenCalledWith(visit));
  });

  it.each([
    ['guests.0.phone', 'phone must be in international format', 'Guest 1'],
    ['patientContact.phone', 'Add the patient’s mobile number', 'Patient'],
  ])('shows the refusal at %s where it belongs', async (field, message, where) => {
    const { dialog } = await renderDialog('family-call', [{ method: 'POST', url: `${base}/visits`, ...refusal(field, message) }]);
    type_(dialog, /^Date/, '2031-03-10');
    type_(dialog, /^Time/, '15:30');
    type_(dialog, 'Guest 1 name', 'Byron Lovelace');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));

    const shown = await within(dialog).findByText(message);
    const guest = within(dialog).getByRole('group', { name: 'Guest 1' });
    expect(guest.contains(shown)).toBe(where === 'Guest 1');
  });
});
