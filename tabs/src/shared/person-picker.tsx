/**
 * Picks a clinician of the organisation by name or email: a typeahead over the people search. Arrow
 * keys move through the matches, Enter or a click picks one; typing again clears the pick.
 */
import { Combobox, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from './api-client';
import { ErrorBar } from './error-bar';
import { searchPeople } from './people-api';
import type { PersonMatch } from './people-api';
import { MIN_QUERY_LENGTH, useDebouncedSearch } from './use-debounced-search';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  option: { display: 'flex', flexDirection: 'column' },
  details: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface PersonPickerProps {
  api: ApiClient;
  label: string;
  value: PersonMatch | undefined;
  onChange: (person: PersonMatch | undefined) => void;
  /** A problem with the pick, shown under the field (e.g. the API's answer about it). */
  validationMessage?: string;
  required?: boolean;
}

export function PersonPicker({ api, label, value, onChange, validationMessage, required }: PersonPickerProps) {
  const styles = useStyles();
  const [query, setQuery] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  // Once a person is picked the box shows their name: that is not a new search.
  const search = useDebouncedSearch(value ? '' : query, 'people', (q) => searchPeople(api, q));
  const matches = search.kind === 'done' ? search.results : [];

  return (
    <div className={styles.root}>
      <Field label={label} required={required} hint="Name or email" validationMessage={validationMessage}>
        <Combobox
          freeform
          value={query}
          selectedOptions={value ? [value.aadObjectId] : []}
          open={open && matches.length > 0}
          onOpenChange={(_, data) => setOpen(data.open)}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            if (value) onChange(undefined);
          }}
          onOptionSelect={(_, data) => {
            const person = matches.find((match) => match.aadObjectId === data.optionValue);
            if (!person) return;
            onChange(person);
            setQuery(person.name);
            setOpen(false);
          }}
        >
          {matches.map((person) => (
            <Option key={person.aadObjectId} value={person.aadObjectId} text={person.name}>
              <span className={styles.option}>
                <span>{person.name}</span>
                {person.email && <span className={styles.details}>{person.email}</span>}
              </span>
            </Option>
          ))}
        </Combobox>
      </Field>
      <div role="status" aria-live="polite">
        {search.kind === 'idle' && !value && query.trim().length > 0 && <Text size={200}>Type at least {MIN_QUERY_LENGTH} characters.</Text>}
        {search.kind === 'searching' && <Text size={200}>Searching…</Text>}
        {search.kind === 'done' && matches.length === 0 && <Text size={200}>Nobody found</Text>}
      </div>
      {search.kind === 'failed' && <ErrorBar error={search.error} />}
    </div>
  );
}
