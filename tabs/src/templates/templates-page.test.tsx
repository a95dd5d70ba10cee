import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { TemplateDto } from '../../../bot/src/contracts/templates-api';
import type { FakeRoute } from '../test-support/fake-api';
import { sessionWith } from '../test-support/session';
import { TemplatesPage } from './templates-page';

jest.mock('@microsoft/teams-js', () => ({}));

const BUILT_IN = 'Hi {{patient.given_name}}, join at {{visit.join_url}}';
const variables = [
  { name: 'patient.given_name', help: "the patient's first name", required: false },
  { name: 'visit.join_url', help: "the patient's link to the visit", required: true },
];
const inviteSms: TemplateDto = { key: 'invite.sms', event: 'invite', channel: 'sms', subject: null, body: BUILT_IN, builtIn: { subject: null, body: BUILT_IN }, edited: null, variables };
const inviteEmail: TemplateDto = { ...inviteSms, key: 'invite.email', channel: 'email', subject: 'Your visit', builtIn: { subject: 'Your visit', body: BUILT_IN } };
const EDITED = 'Hello {{patient.given_name}}: {{visit.join_url}}';
const saved: TemplateDto = { ...inviteSms, body: EDITED, edited: { by: 'Ida Admin', at: '2026-12-07T05:00:00.000Z' } };

const previewOf = (body: string, segments = 1) => ({ subject: null, body, sms: { characters: body.length, segments, encoding: 'gsm7' } });

async function renderPage(routes: FakeRoute[]) {
  const { session, api } = await sessionWith([
    { method: 'GET', url: '/api/admin/templates', json: { templates: [inviteSms, inviteEmail] } },
    { method: 'GET', url: '/api/visit-types', json: { visitTypes: [] } },
    ...routes,
  ]);
  render(
    <FluentProvider theme={teamsLightTheme}>
      <TemplatesPage session={session} debounceMs={0} />
    </FluentProvider>,
  );
  return api;
}

const bodyField = () => screen.getByRole('textbox', { name: 'Text message' });

describe('Message templates page', () => {
  it('lists the variables, marks the join link required, and previews the saved text with its SMS length', async () => {
    await renderPage([{ method: 'POST', url: '/api/admin/templates/invite.sms/preview', json: previewOf('Hi Alex, join at http://x/lobby/abc') }]);

    expect(await screen.findByText('Hi Alex, join at http://x/lobby/abc')).toBeInTheDocument();
    expect(screen.getByText('35 characters · 1 message')).toBeInTheDocument();
    const listed = within(screen.getByRole('list', { name: 'Variables' })).getAllByRole('listitem');
    expect(listed.map((item) => item.textContent)).toEqual(["{{patient.given_name}} the patient's first name ", "{{visit.join_url}} the patient's link to the visit required"]);
    expect(screen.getByText('The built-in text')).toBeInTheDocument();
  });

  it('previews as I type and shows the refusal of an unknown variable at the field, naming it', async () => {
    const api = await renderPage([
      { method: 'POST', url: '/api/admin/templates/invite.sms/preview', json: previewOf('Hi Alex, join at http://x/lobby/abc'), once: true },
      {
        method: 'POST',
        url: '/api/admin/templates/invite.sms/preview',
        status: 400,
        json: { error: { code: 'validation', message: 'Unknown variable {{visit.reason}}. You can use: {{patient.given_name}}, {{visit.join_url}}.', field: 'body' } },
      },
    ]);
    await screen.findByText('35 characters · 1 message');

    fireEvent.change(bodyField(), { target: { value: 'About {{visit.reason}} {{visit.join_url}}' } });

    expect(await screen.findByText(/Unknown variable \{\{visit\.reason\}\}/)).toBeInTheDocument();
    expect(screen.getByText('Fix the text above to see the preview.')).toBeInTheDocument();
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', body: { subject: null, body: 'About {{visit.reason}} {{visit.join_url}}' } });
  });

  it('saves the draft and says so, then offers to reset it to the built-in text', async () => {
    const api = await renderPage([
      { method: 'POST', url: '/api/admin/templates/invite.sms/preview', json: previewOf('rendered') },
      { method: 'PUT', url: '/api/admin/templates/invite.sms', json: saved },
      { method: 'DELETE', url: '/api/admin/templates/invite.sms', json: inviteSms },
    ]);
    await screen.findByText('rendered');
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();

    fireEvent.change(bodyField(), { target: { value: EDITED } });
    fireEvent.click(save);

    expect(await screen.findByText('Invitation · SMS saved. New messages use it from now on.')).toBeInTheDocument();
    expect(api.requests.find((request) => request.method === 'PUT')?.body).toEqual({ subject: null, body: EDITED });
    expect(screen.getByText(/^Edited by Ida Admin on /)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Reset to built-in text' }));
    expect(await screen.findByText('Invitation · SMS is back to the built-in text.')).toBeInTheDocument();
    await waitFor(() => expect(bodyField()).toHaveValue(BUILT_IN));
    expect(api.unexpected).toEqual([]);
  });

  it('shows the subject of an email template and sends it', async () => {
    const api = await renderPage([
      { method: 'POST', url: '/api/admin/templates/invite.sms/preview', json: previewOf('rendered') },
      { method: 'POST', url: '/api/admin/templates/invite.email/preview', json: { subject: 'Your visit', body: 'Email body', sms: null } },
    ]);
    await screen.findByText('rendered');
    fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), { target: { value: 'invite.email' } });

    expect(await screen.findByText('Subject: Your visit')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveValue('Your visit');
    expect(api.requests.at(-1)?.body).toEqual({ subject: 'Your visit', body: BUILT_IN });
  });

  it('tells a user without the admin role why the page is empty', async () => {
    const { session } = await sessionWith([
      { method: 'GET', url: '/api/admin/templates', status: 403, json: { error: { code: 'forbidden', message: 'Only Rounds administrators can change message templates. Ask your IT admin to assign you the Rounds.Admin role.' } } },
    ]);
    render(
      <FluentProvider theme={teamsLightTheme}>
        <TemplatesPage session={session} debounceMs={0} />
      </FluentProvider>,
    );
    expect(await screen.findByText(/Ask your IT admin to assign you the Rounds.Admin role/)).toBeInTheDocument();
  });
});
