import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import type { ColumnKey, ListRow } from '../../../../bot/src/contracts/lists-api';
import { aRow } from '../../test-support/patients-fixtures';
import { PatientCards } from './patient-cards';
import { PatientCell } from './patient-cell';

const context = { now: new Date(2025, 2, 12, 12, 0), locale: 'en-GB' };
const at = new Date(2025, 2, 12, 6, 0).toISOString();
const labs = [
  { code: '2823-3' as const, label: 'Potassium', display: '5.9 mmol/L', takenAt: at, stale: false, flag: 'high' as const },
  { code: '2951-2' as const, label: 'Sodium', display: '139 mmol/L', takenAt: at, stale: false, flag: null },
  { code: '777-3' as const, label: 'Platelets', display: '18 10*3/uL', takenAt: at, stale: true, flag: 'critical-low' as const },
];

function renderCell(row: ListRow) {
  render(
    <FluentProvider theme={teamsLightTheme}>
      <PatientCell column="labs" row={row} context={context} onOpen={jest.fn()} />
    </FluentProvider>,
  );
}

describe('the Labs cell', () => {
  it('shows each lab by its short name with unit as sent, flags in words, stale ones labelled, and when', () => {
    renderCell(aRow('e1', { labs: { status: 'ok', value: labs, asOf: at } }));

    const potassium = screen.getByTitle(/^Potassium 5.9 mmol\/L/);
    expect(potassium.textContent?.replaceAll('\u00a0', ' ')).toBe('K5.9 mmol/L↑ High');
    expect(potassium).toHaveAttribute('title', 'Potassium 5.9 mmol/L (high), taken 06:00');
    expect(screen.getByTitle(/^Sodium /).textContent).toBe('Na139 mmol/L');
    expect(screen.getByTitle(/^Platelets /).textContent?.replaceAll('\u00a0', ' ')).toBe('Plt18 10*3/uL↓↓ Critical lowstale');
    expect(screen.getByText('at 06:00')).toBeInTheDocument();
  });

  it('says "None recorded" when the EHR has no labs for the patient', () => {
    renderCell(aRow('e1', { labs: { status: 'ok', value: [], asOf: at } }));
    expect(screen.getByText('None recorded')).toBeInTheDocument();
  });

  it('shows why labs are missing as the other parts do: a warning, "Not permitted", or a dash', () => {
    renderCell(aRow('e1', { labs: { status: 'error', reason: 'The EHR did not answer in time' } }));
    expect(screen.getByRole('img', { name: 'Labs could not be loaded' })).toBeInTheDocument();
  });

  it.each([
    [aRow('e1', { labs: { status: 'not_permitted' } }), 'Not permitted'],
    [aRow('e1', { labs: { status: 'unavailable' } }, { source: 'manual' }), 'not recorded for patients entered by hand'],
  ])('says why labs are not shown (%#)', (row, said) => {
    renderCell(row);
    expect(screen.getByText(said)).toBeInTheDocument();
  });

  it('appears in the card layout as the vitals do, under its label', () => {
    const columns: ColumnKey[] = ['name', 'vitals', 'labs'];
    render(
      <FluentProvider theme={teamsLightTheme}>
        <PatientCards
          rows={[aRow('e1', { labs: { status: 'ok', value: labs, asOf: at } })]}
          columns={columns}
          listName="Ward 7 West"
          sort={undefined}
          onSortChange={jest.fn()}
          context={context}
          onOpen={jest.fn()}
          onMessage={jest.fn()}
          onSchedule={jest.fn()}
          onVisits={jest.fn()}
          onMove={jest.fn()}
          onRemove={jest.fn()}
        />
      </FluentProvider>,
    );
    const card = within(screen.getByRole('list', { name: 'Patients on Ward 7 West' }));
    expect(card.getByText('Labs', { selector: 'dt' }).nextElementSibling?.textContent).toContain('5.9 mmol/L');
    expect(card.getByText('Vitals', { selector: 'dt' })).toBeInTheDocument();
  });
});
