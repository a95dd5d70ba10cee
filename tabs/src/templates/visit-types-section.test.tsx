import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FakeRoute } from '../test-support/fake-api';
import { sessionWith } from '../test-support/session';
import { VisitTypesSection } from './visit-types-section';

jest.mock('@microsoft/teams-js', () => ({}));

const familyCall = { key: 'family-call', name: 'Family call', defaultDurationMinutes: 30, telehealth: true, templates: { sms: true, email: true }, builtIn: true, edited: null };
const interpreter = { key: 'interpreter-call', name: 'Interpreter call', defaultDurationMinutes: 45, telehealth: true, templates: { sms: true, email: false }, builtIn: false, edited: { by: 'Ida Admin', at: '2026-12-07T09:00:00Z' } };

async function renderSection(routes: FakeRoute[]) {
  const { session, api } = await sessionWith(routes);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <VisitTypesSection api={session.api} />
    </FluentProvider>,
  );
  const section = await screen.findByRole('region', { name: 'Visit types' });
  await within(section).findByText('Family call');
  return { api, section };
}

describe('Visit types section', () => {
  it('adds a type with its duration and templates, then lists it', async () => {
    const { api, section } = await renderSection([
      { method: 'GET', url: '/api/visit-types', json: { visitTypes: [familyCall] }, once: true },
      { method: 'POST', url: '/api/admin/visit-types', status: 201, json: interpreter },
      { method: 'GET', url: '/api/visit-types', json: { visitTypes: [familyCall, interpreter] } },
    ]);
    fireEvent.change(within(section).getByLabelText(/^Name/), { target: { value: 'Interpreter call' } });
    fireEvent.change(within(section).getByLabelText(/^Default duration/), { target: { value: '45' } });
    fireEvent.click(within(section).getByLabelText('Sends the email templates'));
    fireEvent.click(within(section).getByRole('button', { name: 'Add visit type' }));

    expect(await within(section).findByText('Interpreter call saved.')).toBeInTheDocument();
    expect(api.requests.find((request) => request.method === 'POST')?.body).toEqual({ name: 'Interpreter call', defaultDurationMinutes: 45, telehealth: true, templates: { sms: true, email: false } });
    expect(within(section).getByText('45 min · telehealth · SMS')).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Delete Interpreter call' })).toBeInTheDocument();
  });

  it('shows the API’s refusal at the field it names', async () => {
    const { section } = await renderSection([
      { method: 'GET', url: '/api/visit-types', json: { visitTypes: [familyCall] } },
      { method: 'PUT', url: '/api/admin/visit-types/family-call', status: 400, json: { error: { code: 'validation', message: 'The default duration must be between 5 and 480 minutes.', field: 'defaultDurationMinutes' } } },
    ]);
    fireEvent.click(within(section).getByRole('button', { name: 'Edit Family call' }));
    fireEvent.change(within(section).getByLabelText(/^Default duration/), { target: { value: '2' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Save visit type' }));

    await waitFor(() => expect(within(section).getByLabelText(/^Default duration/)).toHaveAttribute('aria-invalid', 'true'));
    expect(within(section).getByText('The default duration must be between 5 and 480 minutes.')).toBeInTheDocument();
  });
});
