import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ListRow } from '../../../../bot/src/contracts/lists-api';
import type { FakeRoute } from '../../test-support/fake-api';
import { threadsUrl } from '../../test-support/messages-fixtures';
import { AS_OF, aRow, aSummary, channelQueryString } from '../../test-support/patients-fixtures';
import { sessionWith } from '../../test-support/session';
import { aVisit } from '../../test-support/visit-fixtures';
import { formatWhen } from '../grid/format';
import { PatientPanel } from './patient-panel';

jest.mock('@microsoft/teams-js', () => ({}));

const notesUrl = '/api/lists/list-1/patients/e1/notes';
const older = { id: 'n1', text: 'Admitted overnight', authorName: 'Bob Martin', createdAt: '2025-03-11T22:00:00Z' };
const newer = { id: 'n2', text: 'Chest X-ray ordered', authorName: 'Alice Moreau', createdAt: '2025-03-12T07:30:00Z' };

async function renderPanel(row: ListRow, routes: FakeRoute[]) {
  // The panel also reads the patient's messages (patient-panel-messages.test.tsx is about them) and visits.
  const { session, api } = await sessionWith([
    ...routes,
    { method: 'GET', url: threadsUrl('list-1', row.entryId), json: { threads: [] } },
    { method: 'GET', url: `/api/lists/list-1/patients/${row.entryId}/visits`, json: { visits: [] } },
  ]);
  const onChanged = jest.fn();
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientPanel
        row={row}
        api={session.api}
        channel={{ teamId: 'team-1', channelId: 'channel-1' }}
        listId="list-1"
        context={{ now: new Date('2025-03-12T12:00:00Z'), locale: 'en-GB' }}
        onClose={jest.fn()}
        onChanged={onChanged}
      />
    </FluentProvider>,
  );
  await screen.findByRole('dialog');
  return { api, onChanged };
}

const noteTexts = () => within(screen.getByRole('list', { name: 'Notes, newest first' })).getAllByRole('listitem').map((item) => item.textContent);

describe('Patient panel', () => {
  it('shows the banner and every part with its time, or why it is missing', async () => {
    await renderPanel(aRow('e1', { allergies: { status: 'error', reason: 'AllergyIntolerance search timed out' } }), []);

    expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(screen.getByText('1 May 1970 (54 y)')).toBeInTheDocument();
    expect(screen.getByText('MRN001')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Vitals' })).getByText(/^as of/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Patient' })).getByText(/Could not be loaded \(AllergyIntolerance search timed out\): check the EHR before prescribing/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Coverage' })).getByText(/not available from this EHR/)).toBeInTheDocument();
  });

  it('says in words when the EHR does not permit Rounds to read a part', async () => {
    await renderPanel(aRow('e1', { conditions: { status: 'not_permitted' } }), []);

    expect(within(screen.getByRole('region', { name: 'Conditions' })).getByText(/not permitted: the EHR does not give Rounds access to this/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Conditions' })).queryByText(/Could not be loaded/)).not.toBeInTheDocument();
  });

  it('says in the banner when allergies are not permitted, and to check the EHR', async () => {
    await renderPanel(aRow('e1', { allergies: { status: 'not_permitted' } }), []);

    expect(within(screen.getByRole('region', { name: 'Patient' })).getByText(/Allergies not permitted: .* check the EHR before prescribing/)).toBeInTheDocument();
  });

  it.each([
    [[{ text: 'Penicillin', detail: 'Hives · severe', date: null }, { text: 'Latex', detail: null, date: null }], 'Penicillin (Hives · severe); Latex'],
    [[{ text: 'No known allergy', detail: null, date: null }], 'No known allergies'],
    [[], 'Allergies not recorded'],
  ])('puts allergies in the banner with reaction and severity, or which kind of none (%#)', async (items, said) => {
    await renderPanel(aRow('e1', { allergies: { status: 'ok', value: items, asOf: AS_OF } }), []);
    expect(within(screen.getByRole('region', { name: 'Patient' })).getByText(said)).toBeInTheDocument();
  });

  it('flags out-of-range vitals in words a screen reader reads: high, critical low', async () => {
    const vitals = [
      { code: 'bloodPressure' as const, display: '152/79 mmHg', takenAt: AS_OF, stale: false, flag: 'high' as const },
      { code: 'oxygenSaturation' as const, display: '88%', takenAt: AS_OF, stale: false, flag: 'critical-low' as const },
      { code: 'heartRate' as const, display: '72 /min', takenAt: AS_OF, stale: false, flag: null },
    ];
    await renderPanel(aRow('e1', { vitals: { status: 'ok', value: vitals, asOf: AS_OF } }), []);
    const items = within(screen.getByRole('region', { name: 'Vitals' })).getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(items.find((text) => text.includes('152/79'))).toMatch(/152\/79 mmHg.*High/);
    expect(items.find((text) => text.includes('88%'))).toMatch(/88%.*Critical low/);
    expect(items.find((text) => text.includes('72 /min'))).not.toMatch(/High|Low|Critical/);
  });

  it('lists the latest labs with value, unit as sent, the flag in words and the time for the viewer', async () => {
    const labs = [
      { code: '2823-3' as const, label: 'Potassium', display: '5.9 mmol/L', takenAt: AS_OF, stale: false, flag: 'high' as const },
      { code: '2951-2' as const, label: 'Sodium', display: '139 mmol/L', takenAt: AS_OF, stale: false, flag: null },
      { code: '718-7' as const, label: 'Haemoglobin', display: '6.1 g/dL', takenAt: '2025-03-09T06:00:00Z', stale: true, flag: 'critical-low' as const },
    ];
    await renderPanel(aRow('e1', { labs: { status: 'ok', value: labs, asOf: AS_OF } }), []);
    const section = within(screen.getByRole('region', { name: 'Labs' }));
    const context = { now: new Date('2025-03-12T12:00:00Z'), locale: 'en-GB' };
    const valueOf = (label: string) => (section.getByText(label).nextElementSibling?.textContent ?? '').replaceAll('\u00a0', ' ');

    expect(valueOf('Potassium')).toBe(`5.9 mmol/L↑ High — ${formatWhen(AS_OF, context)}`);
    expect(valueOf('Sodium')).toBe(`139 mmol/L — ${formatWhen(AS_OF, context)}`);
    expect(valueOf('Haemoglobin')).toBe(`6.1 g/dL↓↓ Critical low — ${formatWhen('2025-03-09T06:00:00Z', context)} (stale)`);
    expect(valueOf('Haemoglobin')).not.toContain('2025-03-09');
  });

  it.each([
    [{ status: 'not_permitted' as const }, 'ehr' as const, /not permitted: the EHR does not give Rounds access to this/],
    [{ status: 'error' as const, reason: 'The EHR did not answer in time.' }, 'ehr' as const, /Could not be loaded: The EHR did not answer in time\./],
    [{ status: 'unavailable' as const }, 'manual' as const, /not recorded for patients entered by hand/],
  ])('says in the Labs section why the labs are missing (%#)', async (labs, source, said) => {
    await renderPanel(aRow('e1', { labs }, { source }), []);
    expect(within(screen.getByRole('region', { name: 'Labs' })).getByText(said)).toBeInTheDocument();
  });

  it('says the encounter status in words, not as its FHIR code', async () => {
    await renderPanel(aRow('e1'), []);
    const encounter = within(screen.getByRole('region', { name: 'Encounter' }));
    expect(encounter.getByText('In progress')).toBeInTheDocument();
    expect(encounter.queryByText('in-progress')).not.toBeInTheDocument();
  });

  it('lists notes newest first and adds one at the top', async () => {
    const { api, onChanged } = await renderPanel(aRow('e1', {}, { notes: [older, newer] }), [
      { method: 'POST', url: notesUrl, status: 201, json: { id: 'n3', text: 'Family updated', authorName: 'Dev Clinician', createdAt: '2025-03-12T11:00:00Z' } },
    ]);
    expect(noteTexts()).toEqual([expect.stringContaining('Chest X-ray ordered'), expect.stringContaining('Admitted overnight')]);
    expect(noteTexts()[0]).toContain('Alice Moreau');

    fireEvent.change(screen.getByRole('textbox', { name: 'New note' }), { target: { value: '  Family updated ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));

    await waitFor(() => expect(noteTexts()).toHaveLength(3));
    expect(noteTexts()[0]).toContain('Family updated');
    expect(noteTexts()[0]).toContain('Dev Clinician');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ text: 'Family updated' });
    expect(screen.getByRole('textbox', { name: 'New note' })).toHaveValue('');
    expect(onChanged).toHaveBeenCalled();
  });

  it('refreshes an EHR patient from the API', async () => {
    const fresh = aSummary({ vitals: { status: 'ok', value: [{ code: 'heartRate', display: '120 /min', takenAt: AS_OF, stale: false, flag: null }], asOf: AS_OF } });
    const { api } = await renderPanel(aRow('e1'), [{ method: 'GET', url: `/api/patients/p1?${channelQueryString}`, json: fresh }]);
    expect(screen.getByText(/88 \/min/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    expect(await screen.findByText(/120 \/min/)).toBeInTheDocument();
    expect(api.unexpected).toEqual([]);
  });

  it('lists the visits booked from the list, a family call with its bedside link to open or copy', async () => {
    const visit = aVisit();
    const link = visit.patientJoinUrl;
    await renderPanel(aRow('e1'), [{ method: 'GET', url: '/api/lists/list-1/patients/e1/visits', json: { visits: [visit] } }]);

    const section = screen.getByRole('region', { name: 'Visits' });
    expect(await within(section).findByRole('link', { name: 'Open bedside link' })).toHaveAttribute('href', link);
    expect(within(section).getByText(/^Family call · .* · 30 min · Byron Lovelace$/)).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Copy patient link for Ada Lovelace' })).toBeInTheDocument();
  });

  it('edits a patient entered by hand', async () => {
    const manual = aRow('e1', { vitals: { status: 'unavailable' } }, { source: 'manual', freeText: 'Lives alone' });
    const { api, onChanged } = await renderPanel(manual, [{ method: 'PATCH', url: '/api/lists/list-1/patients/e1', json: manual }]);
    expect(screen.queryByRole('button', { name: 'Refresh' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Vitals' })).getByText(/not recorded for patients entered by hand/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Location' }), { target: { value: 'Ward 8, Bed 1' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Attending' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      name: 'Ada Lovelace',
      mrn: 'MRN001',
      birthDate: '1970-05-01',
      gender: 'female',
      location: 'Ward 8, Bed 1',
      // PATCH merges over what is stored: a cleared text field is sent as "" so it really clears.
      attending: '',
      freeText: 'Lives alone',
    });
  });
});
