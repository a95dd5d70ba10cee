/**
 * EHR mode's way to add a patient: a typeahead over the EHR's patients (name, MRN or birth date).
 * Arrow keys move through the matches, Enter or a click adds the highlighted one.
 */
import { Combobox, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ChannelQuery, PatientMatch } from '../../../../bot/src/contracts/lists-api';
import type { ApiClient } from '../../shared/api-client';
import { ErrorBar } from '../../shared/error-bar';
import { SEX_LONG, formatBirthDate } from '../grid/format';
import { MIN_QUERY_LENGTH } from '../../shared/use-debounced-search';
import { usePatientSearch } from './use-patient-search';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  combobox: { width: '100%' },
  option: { display: 'flex', flexDirection: 'column' },
  details: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function matchDetails(patient: PatientMatch, locale: string): string {
  return [
    patient.mrn ? `MRN ${patient.mrn}` : undefined,
    patient.birthDate ? `DOB ${formatBirthDate(patient.birthDate, locale)}` : undefined,
    patient.gender ? SEX_LONG[patient.gender] : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

export interface PatientSearchProps {
  api: ApiClient;
  channel: ChannelQuery;
  locale: string;
  /** Whether an add is under way (the field stays usable, but a second pick waits). */
  busy: boolean;
  onPick: (patient: PatientMatch) => void;
}

export function PatientSearch({ api, channel, locale, busy, onPick }: PatientSearchProps) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const search = usePatientSearch(api, channel, query);
  const matches = search.kind === 'done' ? search.results : [];

  return (
    <div className={styles.root}>
      <Field label="Find a patient" hint="The full MRN, a name (first or last, from its start), or a birth date as YYYY-MM-DD">
        <Combobox
          className={styles.combobox}
          freeform
          autoFocus
          value={query}
          selectedOptions={[]}
          // Open whenever there is something to pick; Fluent would only open on key presses.
          open={open && matches.length > 0}
          onOpenChange={(_, data) => setOpen(data.open)}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
          }}
          onOptionSelect={(_, data) => {
            const patient = matches.find((match) => match.id === data.optionValue);
            if (patient && !busy) {
              onPick(patient);
              setQuery('');
              setOpen(false);
            }
          }}
        >
          {matches.map((patient) => (
            <Option key={patient.id} value={patient.id} text={patient.name}>
              <span className={styles.option}>
                <span>{patient.name}</span>
                <span className={styles.details}>{matchDetails(patient, locale)}</span>
              </span>
            </Option>
          ))}
        </Combobox>
      </Field>
      <div role="status" aria-live="polite">
        {search.kind === 'idle' && query.trim().length > 0 && <Text size={200}>Type at least {MIN_QUERY_LENGTH} characters.</Text>}
        {search.kind === 'searching' && <Text size={200}>Searching…</Text>}
        {search.kind === 'done' && search.results.length === 0 && <Text>No patients found</Text>}
        {search.kind === 'done' && search.results.length > 0 && (
          <Text size={200}>
            {search.results.length} {search.results.length === 1 ? 'patient' : 'patients'} found
          </Text>
        )}
      </div>
      {search.kind === 'failed' && <ErrorBar error={search.error} />}
    </div>
  );
}
