/**
 * The message templates page (Rounds administrators): pick a template, edit its SMS or email text
 * with the variables it may use listed, see it rendered with sample values as you type (SMS length
 * and parts), save, or put it back to the built-in text. The API checks every draft, so the page
 * shows exactly the refusal a save would get (an unknown variable, a missing join link). Below, the
 * visit types, which choose among these messages.
 */
import { Badge, Body1, Button, Caption1, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Subtitle2, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useEffectEvent, useState } from 'react';
import { templatePreview, templatesResponse, templateDto } from '../../../bot/src/contracts/templates-api';
import type { TemplateDto, TemplatePreview } from '../../../bot/src/contracts/templates-api';
import { toApiError } from '../shared/api-client';
import type { ApiError } from '../shared/api-error';
import { ErrorBar } from '../shared/error-bar';
import type { TabSession } from '../shared/tab-root';
import { useReloadable } from '../shared/use-reloadable';
import { VisitTypesSection } from './visit-types-section';

/** A pause in typing long enough to skip keystrokes, short enough to feel live. */
export const PREVIEW_DEBOUNCE_MS = 300;

const EVENT_LABEL: Record<TemplateDto['event'], string> = { invite: 'Invitation', reschedule: 'New time', cancel: 'Cancellation', reminder: 'Reminder' };
const CHANNEL_LABEL: Record<TemplateDto['channel'], string> = { sms: 'SMS', email: 'Email' };
const labelOf = (template: TemplateDto) => `${EVENT_LABEL[template.event]} · ${CHANNEL_LABEL[template.channel]}`;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '880px' },
  columns: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL },
  editor: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, flex: '1 1 420px' },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, flex: '1 1 280px' },
  preview: { whiteSpace: 'pre-wrap', padding: tokens.spacingHorizontalM, border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium },
  variables: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type PreviewState = { kind: 'idle' } | { kind: 'ok'; preview: TemplatePreview } | { kind: 'refused'; error: ApiError };

export function TemplatesPage({ session, debounceMs = PREVIEW_DEBOUNCE_MS }: { session: TabSession; debounceMs?: number }) {
  const styles = useStyles();
  const { state, reload, replace } = useReloadable('templates', () => session.api.get('/api/admin/templates', templatesResponse));
  const [key, setKey] = useState<string | null>(null);
  // Unsaved text per template, so switching templates keeps what was typed.
  const [drafts, setDrafts] = useState<Record<string, { subject: string; body: string }>>({});
  const [preview, setPreview] = useState<PreviewState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: string } | { error: ApiError } | null>(null);

  const templates = state.kind === 'loaded' ? state.value.templates : [];
  const selected = templates.find((template) => template.key === key) ?? templates[0] ?? null;
  const draft = selected ? (drafts[selected.key] ?? { subject: selected.subject ?? '', body: selected.body }) : null;
  const setDraft = (text: { subject: string; body: string }) => {
    if (selected) setDrafts((all) => ({ ...all, [selected.key]: text }));
  };
  const forget = (templateKey: string) =>
    setDrafts((all) => Object.fromEntries(Object.entries(all).filter(([draftKey]) => draftKey !== templateKey)));

  const runPreview = useEffectEvent((templateKey: string, channel: TemplateDto['channel'], subject: string, body: string) =>
    session.api.post(`/api/admin/templates/${templateKey}/preview`, { subject: channel === 'email' ? subject : null, body }, templatePreview),
  );
  const previewKey = selected?.key ?? null;
  const previewChannel = selected?.channel ?? 'sms';
  const previewSubject = draft?.subject ?? '';
  const previewBody = draft?.body ?? null;
  useEffect(() => {
    if (previewKey === null || previewBody === null) return;
    let live = true;
    const timer = setTimeout(() => {
      runPreview(previewKey, previewChannel, previewSubject, previewBody).then(
        (answer) => {
          if (live) setPreview({ kind: 'ok', preview: answer });
        },
        (error: unknown) => {
          if (live) setPreview({ kind: 'refused', error: toApiError(error) });
        },
      );
    }, debounceMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [previewKey, previewChannel, previewSubject, previewBody, debounceMs]);

  if (state.kind === 'loading') return <Spinner label="Loading templates…" />;
  if (state.kind === 'failed') return <ErrorBar error={state.error} />;
  if (!selected || !draft) return <Body1>There are no templates.</Body1>;

  const refusal = preview.kind === 'refused' ? preview.error : outcome && 'error' in outcome ? outcome.error : null;
  const fieldError = (field: 'subject' | 'body') => (refusal && (refusal.field ?? 'body') === field ? refusal.message : undefined);
  const changed = draft.body !== selected.body || (selected.channel === 'email' && draft.subject !== (selected.subject ?? ''));

  async function save(current: TemplateDto, text: { subject: string; body: string }) {
    setBusy(true);
    setOutcome(null);
    try {
      const saved = await session.api.put(`/api/admin/templates/${current.key}`, textFor(current, text), templateDto);
      replace((value) => ({ templates: value.templates.map((template) => (template.key === saved.key ? saved : template)) }));
      forget(saved.key);
      setOutcome({ saved: `${labelOf(saved)} saved. New messages use it from now on.` });
    } catch (error) {
      setOutcome({ error: toApiError(error) });
    } finally {
      setBusy(false);
    }
  }

  async function resetToBuiltIn(current: TemplateDto) {
    // Never saved: only the draft goes.
    if (!current.edited) return forget(current.key);
    setBusy(true);
    setOutcome(null);
    try {
      await session.api.send('DELETE', `/api/admin/templates/${current.key}`);
      forget(current.key);
      await reload();
      setOutcome({ saved: `${labelOf(current)} is back to the built-in text.` });
    } catch (error) {
      setOutcome({ error: toApiError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.page}>
      <Field label="Template">
        <Select
          value={selected.key}
          onChange={(_event, data) => {
            setKey(data.value);
            setOutcome(null);
          }}
        >
          {templates.map((template) => (
            <option key={template.key} value={template.key}>
              {labelOf(template)}
              {template.edited ? ' (edited)' : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1>{selected.edited ? `Edited by ${selected.edited.by} on ${new Date(selected.edited.at).toLocaleString()}` : 'The built-in text'}</Caption1>
      {outcome && 'saved' in outcome ? (
        <MessageBar intent="success">
          <MessageBarBody>{outcome.saved}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.columns}>
        <div className={styles.editor}>
          {selected.channel === 'email' ? (
            <Field label="Subject" validationMessage={fieldError('subject')}>
              <Input value={draft.subject} onChange={(_event, data) => setDraft({ ...draft, subject: data.value })} />
            </Field>
          ) : null}
          <Field label={selected.channel === 'sms' ? 'Text message' : 'Email text'} validationMessage={fieldError('body')}>
            <Textarea resize="vertical" rows={selected.channel === 'sms' ? 5 : 12} value={draft.body} onChange={(_event, data) => setDraft({ ...draft, body: data.value })} />
          </Field>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy || !changed} onClick={() => void save(selected, draft)}>
              Save
            </Button>
            <Button disabled={busy || (!selected.edited && !changed)} onClick={() => void resetToBuiltIn(selected)}>
              Reset to built-in text
            </Button>
          </div>
          <Subtitle2 as="h2">Preview with sample values</Subtitle2>
          {preview.kind === 'ok' ? (
            <section aria-label="Preview" className={styles.preview}>
              {preview.preview.subject !== null ? <Body1 block>Subject: {preview.preview.subject}</Body1> : null}
              <Body1 block>{preview.preview.body}</Body1>
            </section>
          ) : preview.kind === 'idle' ? (
            <Spinner size="tiny" label="Rendering…" />
          ) : (
            <Body1>Fix the text above to see the preview.</Body1>
          )}
          {preview.kind === 'ok' && preview.preview.sms ? <Caption1>{smsLengthLabel(preview.preview.sms)}</Caption1> : null}
        </div>
        <div className={styles.side}>
          <Subtitle2 as="h2">Variables</Subtitle2>
          <ul className={styles.variables} aria-label="Variables">
            {selected.variables.map((variable) => (
              <li key={variable.name}>
                <code>{`{{${variable.name}}}`}</code> {variable.help} {variable.required ? <Badge appearance="tint" color="important">required</Badge> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <VisitTypesSection api={session.api} />
    </div>
  );
}

function textFor(template: TemplateDto, text: { subject: string; body: string }) {
  return { subject: template.channel === 'email' ? text.subject : null, body: text.body };
}

function smsLengthLabel(sms: NonNullable<TemplatePreview['sms']>): string {
  const parts = sms.segments === 1 ? '1 message' : `${sms.segments} messages`;
  const encoding = sms.encoding === 'gsm7' ? '' : ' (a character outside plain SMS text halves the length of each message)';
  return `${sms.characters} characters · ${parts}${encoding}`;
}
