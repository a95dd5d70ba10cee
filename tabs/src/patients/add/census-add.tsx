/**
 * EHR mode's whole-ward add: pick a ward or an attending, see every in-progress inpatient there
 * (name, MRN, location; those already on the list marked), then add them all in one request.
 */
import { Button, Combobox, Field, MessageBar, MessageBarBody, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CensusAddResultDto, CensusKindDto, CensusPreviewDto, CensusSourceDto, ChannelQuery } from '../../../../bot/src/contracts/lists-api';
import { toApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import type { ApiError } from '../../shared/api-error';
import { ErrorBar } from '../../shared/error-bar';
import { MIN_QUERY_LENGTH, useDebouncedSearch } from '../../shared/use-debounced-search';
import { addCensus, fetchCensusPreview, searchCensusSources } from '../lists-api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  combobox: { width: '100%' },
  option: { display: 'flex', flexDirection: 'column' },
  details: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  preview: { maxHeight: '240px', overflowY: 'auto', margin: 0, padding: 0, listStyleType: 'none' },
  patient: { display: 'flex', flexDirection: 'column', paddingBlock: tokens.spacingVerticalXXS },
  listed: { color: tokens.colorNeutralForeground3 },
});

const WORDS: Record<CensusKindDto, { label: string; hint: string; none: string; at: string }> = {
  location: { label: 'Find a ward', hint: 'The ward’s name, e.g. “3A” or “Cardiology”', none: 'No wards found', at: 'at' },
  practitioner: { label: 'Find an attending', hint: 'The doctor’s name, first or last', none: 'No attendings found', at: 'under' },
};

const patients = (n: number) => `${n} ${n === 1 ? 'patient' : 'patients'}`;

/** "Added 11 patients · 3 already on this list · 1 no longer there". */
export function addedMessage(result: CensusAddResultDto): string {
  return [
    `Added ${patients(result.added)}`,
    result.alreadyOnList > 0 ? `${result.alreadyOnList} already on this list` : null,
    result.noLongerThere > 0 ? `${result.noLongerThere} no longer there` : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

type Preview = { kind: 'loading'; source: CensusSourceDto } | { kind: 'ready'; source: CensusSourceDto; census: CensusPreviewDto } | { kind: 'failed'; source: CensusSourceDto; error: ApiError };

export interface CensusAddProps {
  kind: CensusKindDto;
  api: ApiClient;
  channel: ChannelQuery;
  listId: string;
  onAdded: () => void;
}

export function CensusAdd({ kind, api, channel, listId, onAdded }: CensusAddProps) {
  const styles = useStyles();
  const words = WORDS[kind];
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<CensusAddResultDto>();
  const [addError, setAddError] = useState<ApiError>();
  const search = useDebouncedSearch(query, `${kind}/${channel.teamId}/${channel.channelId}`, (q) => searchCensusSources(api, channel, kind, q));
  const sources = search.kind === 'done' ? search.results : [];

  async function load(source: CensusSourceDto) {
    setPreview({ kind: 'loading', source });
    setAdded(undefined);
    setAddError(undefined);
    try {
      setPreview({ kind: 'ready', source, census: await fetchCensusPreview(api, listId, source) });
    } catch (caught) {
      setPreview({ kind: 'failed', source, error: toApiError(caught) });
    }
  }

  const toAdd = preview?.kind === 'ready' ? preview.census.patients.filter((patient) => !patient.onList) : [];
  const listed = preview?.kind === 'ready' ? preview.census.patients.length - toAdd.length : 0;

  async function addAll() {
    if (preview?.kind !== 'ready' || toAdd.length === 0) return;
    setBusy(true);
    setAddError(undefined);
    try {
      const result = await addCensus(api, listId, preview.source, toAdd.map((patient) => patient.id));
      setAdded(result);
      onAdded();
      // Everyone asked for is on the list now (or was no longer there): no second read of the EHR.
      const asked = new Set(toAdd.map((patient) => patient.id));
      const census = { ...preview.census, patients: preview.census.patients.map((patient) => (asked.has(patient.id) ? { ...patient, onList: true } : patient)) };
      setPreview({ kind: 'ready', source: preview.source, census });
    } catch (caught) {
      setAddError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.root}>
      <Field label={words.label} hint={words.hint}>
        <Combobox
          className={styles.combobox}
          freeform
          value={query}
          selectedOptions={[]}
          open={open && sources.length > 0}
          onOpenChange={(_, data) => setOpen(data.open)}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
          }}
          onOptionSelect={(_, data) => {
            const source = sources.find((candidate) => candidate.id === data.optionValue);
            if (source && !busy) {
              setQuery(source.name);
              setOpen(false);
              void load(source);
            }
          }}
        >
          {sources.map((source) => (
            <Option key={source.id} value={source.id} text={source.name}>
              <span className={styles.option}>
                <span>{source.name}</span>
                {source.detail && <span className={styles.details}>{source.detail}</span>}
              </span>
            </Option>
          ))}
        </Combobox>
      </Field>
      <div role="status" aria-live="polite">
        {search.kind === 'idle' && query.trim().length > 0 && !preview && <Text size={200}>Type at least {MIN_QUERY_LENGTH} characters.</Text>}
        {search.kind === 'searching' && <Text size={200}>Searching…</Text>}
        {search.kind === 'done' && search.results.length === 0 && <Text>{words.none}</Text>}
        {preview?.kind === 'loading' && <Text size={200}>Reading the patients {words.at} {preview.source.name}…</Text>}
        {preview?.kind === 'ready' && (
          <Text weight="semibold">
            {patients(preview.census.patients.length)} {words.at} {preview.source.name}
            {listed > 0 ? ` · ${listed} already on this list` : ''}
          </Text>
        )}
      </div>
      {search.kind === 'failed' && <ErrorBar error={search.error} />}
      {preview?.kind === 'failed' && <ErrorBar error={preview.error} />}
      {preview?.kind === 'ready' && (
        <>
          {preview.census.truncated && (
            <MessageBar intent="warning">
              <MessageBarBody>There are more patients than Rounds reads at once: these are the first {preview.census.patients.length}.</MessageBarBody>
            </MessageBar>
          )}
          {preview.census.patients.length > 0 && (
            <ul className={styles.preview} aria-label={`Patients ${words.at} ${preview.source.name}`}>
              {preview.census.patients.map((patient) => (
                <li key={patient.id} className={patient.onList ? `${styles.patient} ${styles.listed}` : styles.patient}>
                  <span>
                    {patient.name}
                    {patient.onList ? ' (on this list)' : ''}
                  </span>
                  <span className={styles.details}>{[patient.mrn ? `MRN ${patient.mrn}` : null, patient.location].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
          <div>
            <Button appearance="primary" disabled={busy || toAdd.length === 0} onClick={() => void addAll()}>
              {busy ? 'Adding…' : toAdd.length === 0 ? 'Nobody to add' : `Add ${patients(toAdd.length)}`}
            </Button>
          </div>
        </>
      )}
      {addError && <ErrorBar error={addError} />}
      {added && (
        <MessageBar intent="success">
          <MessageBarBody>{addedMessage(added)}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
