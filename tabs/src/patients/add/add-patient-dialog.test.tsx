import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PatientsMode } from '../../../../bot/src/contracts/api';
import type { FakeRoute } from '../../test-support/fake-api';
import { aRow, channelQueryString } from '../../test-support/patients-fixtures';
import { sessionWith } from '../../test-support/session';
import { AddPatientDialog } from './add-patient-dialog';
import { onJestClock } from '../../test-support/jest-clock';

jest.mock('@microsoft/teams-js', () => ({}));

onJestClock();

const searchUrl = (q: string) => `/api/patients/search?q=${q}&${channelQueryString}`;
const addUrl = '/api/lists/list-1/patients';
const ada = { id: 'p9', name: 'Ada Lovelace', mrn: 'MRN-9', birthDate: '1970-05-01', gender: 'female' as const };

async function renderDialog(mode: PatientsMode, routes: FakeRoute[]) {
  const { session, api } = await sessionWith(routes);
  const onAdded = jest.fn();
  const onClose = jest.fn();
  render(
    <FluentProvider theme={teamsLightTheme}>
      <AddPatientDialog
        mode={mode}
        api={session.api}
        channel={{ teamId: 'team-1', channelId: 'channel-1' }}
        listId="list-1"
        listName="Ward 7 West"
        locale="en-GB"
        onAdded={onAdded}
        onClose={onClose}
      />
    </FluentProvider>,
  );
  return { api, onAdded, onClose };
}

const typeSearch = (text: string) => fireEvent.change(screen.getByRole('combobox', { name: /Find a patient/ }), { target: { value: text } });

describe('Add patient, EHR mode', () => {
  it('searches as one types, shows name, MRN, DOB and sex, and adds the clicked match', async () => {
    const { api, onAdded } = await renderDialog('ehr', [
      { method: 'GET', url: searchUrl('love'), json: { patients: [ada] } },
      { method: 'POST', url: addUrl, status: 201, json: aRow('e9', { patient: { id: 'p9', name: 'Ada Lovelace' } }) },
    ]);

    typeSearch('l');
    typeSearch('lo');
    typeSearch('love');
    const option = await screen.findByRole('option', { name: /Ada Lovelace/ });
    expect(option).toHaveTextContent('MRN MRN-9 · DOB 1 May 1970 · Female');
    // Debounced: the keystrokes before the pause sent nothing.
    expect(api.requests.filter((r) => r.url.startsWith('/api/patients/search')).map((r) => r.url)).toEqual([searchUrl('love')]);

    fireEvent.click(option);

    expect(await screen.findByText('Added Ada Lovelace')).toBeInTheDocument();
    expect(api.requests.find((r) => r.method === 'POST')).toMatchObject({ url: addUrl, body: { patientId: 'p9' } });
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ entryId: 'e9' }));
  });

  it('adds the highlighted match with the keyboard (arrow down, Enter)', async () => {
    const { api } = await renderDialog('ehr', [
      { method: 'GET', url: searchUrl('MRN-9'), json: { patients: [ada] } },
      { method: 'POST', url: addUrl, status: 201, json: aRow('e9') },
    ]);

    typeSearch('MRN-9');
    await screen.findByRole('option', { name: /Ada Lovelace/ });
    const input = screen.getByRole('combobox', { name: /Find a patient/ });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });

    await waitFor(() => expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ patientId: 'p9' }));
  });

  it('says what a search can find: the full MRN, a name from its start, a birth date', async () => {
    await renderDialog('ehr', []);
    expect(screen.getByText('The full MRN, a name (first or last, from its start), or a birth date as YYYY-MM-DD')).toBeInTheDocument();
  });

  it('says when nothing matches', async () => {
    await renderDialog('ehr', [{ method: 'GET', url: searchUrl('zz'), json: { patients: [] } }]);

    typeSearch('zz');

    expect(await screen.findByText('No patients found')).toBeInTheDocument();
  });

  it("shows the API's errors: a failed search, and a patient already on the list", async () => {
    await renderDialog('ehr', [
      { method: 'GET', url: searchUrl('ad'), status: 502, json: { error: { code: 'ehr_unavailable', message: 'The EHR is not answering. Try again in a minute.' } } },
      { method: 'GET', url: searchUrl('ada'), json: { patients: [ada] } },
      { method: 'POST', url: addUrl, status: 409, json: { error: { code: 'conflict', message: 'Ada Lovelace is already on this list.' } } },
    ]);

    typeSearch('ad');
    expect(await screen.findByText('The EHR is not answering. Try again in a minute.')).toBeInTheDocument();

    typeSearch('ada');
    fireEvent.click(await screen.findByRole('option', { name: /Ada Lovelace/ }));
    expect(await screen.findByText('Ada Lovelace is already on this list.')).toBeInTheDocument();
  });
});

describe('Add a whole ward or an attending’s patients, EHR mode', () => {
  const sourcesUrl = (kind: string, q: string) => `/api/census/sources?${channelQueryString}&kind=${kind}&q=${q}`;
  const previewUrl = (kind: string, id: string) => `/api/lists/list-1/census?kind=${kind}&id=${id}`;
  const ward = { kind: 'location', id: 'loc-ward-3a', name: 'Ward 3A (Cardiology)', detail: 'Ward' };
  const inpatient = (id: string, name: string, bed: string, onList = false) => ({
    id,
    name,
    mrn: `MRN-${id}`,
    birthDate: null,
    gender: null,
    location: `Ward 3A · Bed ${bed}`,
    onList,
  });
  const census = { patients: [inpatient('p1', 'Ada Lovelace', '1'), inpatient('p2', 'Alan Turing', '2', true), inpatient('p3', 'Grace Hopper', '3')], truncated: false };

  it('finds a ward, previews its inpatients with MRN and location, and adds those not yet listed in one request', async () => {
    const { api, onAdded } = await renderDialog('ehr', [
      { method: 'GET', url: sourcesUrl('location', '3A'), json: { sources: [ward] } },
      { method: 'GET', url: previewUrl('location', 'loc-ward-3a'), json: census },
      { method: 'POST', url: '/api/lists/list-1/census', json: { added: 2, alreadyOnList: 0, noLongerThere: 0 } },
    ]);

    fireEvent.click(screen.getByRole('radio', { name: 'A ward' }));
    fireEvent.change(screen.getByRole('combobox', { name: /Find a ward/ }), { target: { value: '3A' } });
    fireEvent.click(await screen.findByRole('option', { name: /Ward 3A \(Cardiology\)/ }));

    expect(await screen.findByText('3 patients at Ward 3A (Cardiology) · 1 already on this list')).toBeInTheDocument();
    const preview = screen.getByRole('list', { name: 'Patients at Ward 3A (Cardiology)' });
    expect(within(preview).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Ada LovelaceMRN MRN-p1 · Ward 3A · Bed 1',
      'Alan Turing (on this list)MRN MRN-p2 · Ward 3A · Bed 2',
      'Grace HopperMRN MRN-p3 · Ward 3A · Bed 3',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Add 2 patients' }));

    expect(await screen.findByText('Added 2 patients')).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([
      expect.objectContaining({ url: '/api/lists/list-1/census', body: { kind: 'location', id: 'loc-ward-3a', patientIds: ['p1', 'p3'] } }),
    ]);
    expect(onAdded).toHaveBeenCalledTimes(1);
    // Everyone is on the list now: nothing left to add, and no second read of the EHR.
    expect(screen.getByRole('button', { name: 'Nobody to add' })).toBeDisabled();
    expect(api.requests.filter((r) => r.url.startsWith('/api/lists/list-1/census?'))).toHaveLength(1);
  });

  it('says how many were skipped when others added them meanwhile', async () => {
    await renderDialog('ehr', [
      { method: 'GET', url: sourcesUrl('location', '3A'), json: { sources: [ward] } },
      { method: 'GET', url: previewUrl('location', 'loc-ward-3a'), json: census },
      { method: 'POST', url: '/api/lists/list-1/census', json: { added: 1, alreadyOnList: 1, noLongerThere: 0 } },
    ]);

    fireEvent.click(screen.getByRole('radio', { name: 'A ward' }));
    fireEvent.change(screen.getByRole('combobox', { name: /Find a ward/ }), { target: { value: '3A' } });
    fireEvent.click(await screen.findByRole('option', { name: /Ward 3A/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add 2 patients' }));

    expect(await screen.findByText('Added 1 patient · 1 already on this list')).toBeInTheDocument();
  });

  it("shows an EHR refusal in the API's plain words and offers no add", async () => {
    const doctor = { kind: 'practitioner', id: 'prac-01', name: 'Dr. Alice Morgan', detail: null };
    const { api, onAdded } = await renderDialog('ehr', [
      { method: 'GET', url: sourcesUrl('practitioner', 'Morgan'), json: { sources: [doctor] } },
      {
        method: 'GET',
        url: previewUrl('practitioner', 'prac-01'),
        status: 429,
        json: { error: { code: 'rate_limited', message: 'The EHR is busy and asked Rounds to slow down. Try again in a minute.' } },
      },
    ]);

    fireEvent.click(screen.getByRole('radio', { name: 'An attending' }));
    fireEvent.change(screen.getByRole('combobox', { name: /Find an attending/ }), { target: { value: 'Morgan' } });
    fireEvent.click(await screen.findByRole('option', { name: /Dr\. Alice Morgan/ }));

    expect(await screen.findByText('The EHR is busy and asked Rounds to slow down. Try again in a minute.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Add / })).not.toBeInTheDocument();
    expect(api.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(onAdded).not.toHaveBeenCalled();
  });
});

describe('Add patient, manual mode', () => {
  it("shows the API's field error under that field and keeps what was typed", async () => {
    const { api, onAdded } = await renderDialog('manual', [
      { method: 'POST', url: addUrl, status: 400, json: { error: { code: 'validation_failed', message: 'birth date must be a real date in the past', field: 'manual.birthDate' } } },
    ]);

    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), { target: { value: 'John Doe' } });
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '2999-01-01' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sex' }), { target: { value: 'male' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Location' }), { target: { value: ' Bed 4 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add patient' }));

    await waitFor(() => expect(screen.getByLabelText('Date of birth')).toHaveAccessibleDescription('birth date must be a real date in the past'));
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ manual: { name: 'John Doe', birthDate: '2999-01-01', gender: 'male', location: 'Bed 4' } });
    expect(screen.getByRole('textbox', { name: /Name/ })).toHaveValue('John Doe');
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('asks for a name before calling the API', async () => {
    const { api } = await renderDialog('manual', []);

    fireEvent.click(screen.getByRole('button', { name: 'Add patient' }));

    expect(await screen.findByText("Enter the patient's name.")).toBeInTheDocument();
    expect(api.requests.map((r) => r.url)).toEqual(['/api/client-config']);
  });

  it('adds the patient and closes', async () => {
    const { onAdded, onClose } = await renderDialog('manual', [{ method: 'POST', url: addUrl, status: 201, json: aRow('e1', {}, { source: 'manual' }) }]);

    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), { target: { value: 'John Doe' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add patient' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(onAdded).toHaveBeenCalledWith(expect.objectContaining({ entryId: 'e1' }));
  });
});
