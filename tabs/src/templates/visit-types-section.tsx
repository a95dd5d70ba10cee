/**
 * Visit types (Rounds administrators): each with its default length, whether its visits send the
 * SMS templates and the email templates above, and whether it is a telehealth visit (Rounds books
 * only those). Built-in types can be changed and reset; the organisation's own can be deleted.
 */
import { Button, Caption1, Checkbox, Field, Input, MessageBar, MessageBarBody, Spinner, Subtitle2, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { visitTypeDto, visitTypesResponse } from '../../../bot/src/contracts/visits-api';
import type { VisitTypeDto } from '../../../bot/src/contracts/visits-api';
import { ApiError } from '../shared/api-error';
import { toApiError } from '../shared/api-client';
import type { ApiClient } from '../shared/api-client';
import { ErrorBar } from '../shared/error-bar';
import { formErrors } from '../shared/field-errors';
import { useReloadable } from '../shared/use-reloadable';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '480px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

interface Draft {
  /** Null: a new type. */
  key: string | null;
  name: string;
  minutes: string;
  telehealth: boolean;
  sms: boolean;
  email: boolean;
}

const NEW: Draft = { key: null, name: '', minutes: '30', telehealth: true, sms: true, email: true };
const draftOf = (type: VisitTypeDto): Draft => ({ key: type.key, name: type.name, minutes: String(type.defaultDurationMinutes), telehealth: type.telehealth, ...type.templates });
const FIELDS = ['name', 'defaultDurationMinutes', 'key'] as const;

const summaryOf = (type: VisitTypeDto) =>
  [
    `${type.defaultDurationMinutes} min`,
    type.telehealth ? 'telehealth' : 'not telehealth (cannot be booked in Rounds)',
    [type.templates.sms && 'SMS', type.templates.email && 'email'].filter(Boolean).join(' and ') || 'no messages',
  ].join(' · ');

export function VisitTypesSection({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const { state, reload } = useReloadable('visit-types', () => api.get('/api/visit-types', visitTypesResponse));
  const [draft, setDraft] = useState<Draft>(NEW);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const { messageFor, formError } = formErrors(error, FIELDS);

  async function act(action: () => Promise<string>) {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      setSaved(await action());
      setDraft(NEW);
      await reload();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  function save() {
    const minutes = Number(draft.minutes);
    if (!Number.isInteger(minutes)) {
      setError(new ApiError({ code: 'validation', message: 'The default duration is a whole number of minutes.', field: 'defaultDurationMinutes' }));
      return;
    }
    const body = { name: draft.name, defaultDurationMinutes: minutes, telehealth: draft.telehealth, templates: { sms: draft.sms, email: draft.email } };
    void act(async () => {
      const type = draft.key === null ? await api.post('/api/admin/visit-types', body, visitTypeDto) : await api.put(`/api/admin/visit-types/${encodeURIComponent(draft.key)}`, body, visitTypeDto);
      return `${type.name} saved.`;
    });
  }

  function remove(type: VisitTypeDto) {
    void act(async () => {
      await api.send('DELETE', `/api/admin/visit-types/${encodeURIComponent(type.key)}`);
      return type.builtIn ? `${type.name} is back to how it was built in.` : `${type.name} deleted.`;
    });
  }

  return (
    <section aria-label="Visit types" className={styles.section}>
      <Subtitle2 as="h2">Visit types</Subtitle2>
      <Caption1>What a visit is booked as: its default length and which of the messages above it sends. Family call and Follow-up are offered on every Patients row.</Caption1>
      {state.kind === 'loading' && <Spinner size="tiny" label="Loading visit types…" />}
      {state.kind === 'failed' && <ErrorBar error={state.error} />}
      {state.kind === 'loaded' && (
        <ul className={styles.list}>
          {state.value.visitTypes.map((type) => (
            <li key={type.key} className={styles.item}>
              <Text weight="semibold">{type.name}</Text>
              <Text>{summaryOf(type)}</Text>
              <Button size="small" disabled={busy} onClick={() => setDraft(draftOf(type))} aria-label={`Edit ${type.name}`}>
                Edit
              </Button>
              {(!type.builtIn || type.edited) && (
                <Button size="small" disabled={busy} onClick={() => remove(type)} aria-label={`${type.builtIn ? 'Reset' : 'Delete'} ${type.name}`}>
                  {type.builtIn ? 'Reset' : 'Delete'}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      <form
        className={styles.form}
        noValidate
        aria-label={draft.key === null ? 'New visit type' : 'Edit visit type'}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Subtitle2 as="h3">{draft.key === null ? 'New visit type' : `Edit ${draft.name}`}</Subtitle2>
        <Field label="Name" required validationMessage={messageFor('name') ?? messageFor('key')}>
          <Input value={draft.name} maxLength={100} onChange={(_, data) => setDraft({ ...draft, name: data.value })} />
        </Field>
        <Field label="Default duration (minutes)" required validationMessage={messageFor('defaultDurationMinutes')}>
          <Input type="number" min={5} max={480} value={draft.minutes} onChange={(_, data) => setDraft({ ...draft, minutes: data.value })} />
        </Field>
        <Switch label="Telehealth visit" checked={draft.telehealth} onChange={(_, data) => setDraft({ ...draft, telehealth: data.checked })} />
        <Checkbox label="Sends the SMS templates" checked={draft.sms} onChange={(_, data) => setDraft({ ...draft, sms: data.checked === true })} />
        <Checkbox label="Sends the email templates" checked={draft.email} onChange={(_, data) => setDraft({ ...draft, email: data.checked === true })} />
        {formError && <ErrorBar error={formError} />}
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {draft.key === null ? 'Add visit type' : 'Save visit type'}
          </Button>
          {draft.key !== null && (
            <Button disabled={busy} onClick={() => setDraft(NEW)}>
              Cancel
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
