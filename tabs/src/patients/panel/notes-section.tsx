/** The entry's notes (newest first, with author and time) and a box to add one. */
import { Button, Caption1, Field, Subtitle2, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { NoteDto } from '../../../../bot/src/contracts/lists-api';
import { toApiError } from '../../shared/api-client';
import type { ApiError } from '../../shared/api-error';
import { ErrorBar } from '../../shared/error-bar';
import { formErrors } from '../../shared/field-errors';
import { formatWhen } from '../grid/format';
import type { DisplayContext } from '../grid/format';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  note: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`, paddingLeft: tokens.spacingHorizontalS },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  add: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
  textarea: { width: '100%' },
});

/** The API keeps at most this many characters per note (contract `noteInput`). */
const MAX_NOTE_LENGTH = 2000;

export interface NotesSectionProps {
  notes: readonly NoteDto[];
  context: DisplayContext;
  /** Posts the note; the answer is shown at once, before the list's refetch brings it too. */
  onAdd: (text: string) => Promise<NoteDto>;
}

export function NotesSection({ notes, context, onAdd }: NotesSectionProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const { messageFor, formError } = formErrors(error, ['text']);
  const [posted, setPosted] = useState<NoteDto[]>([]);

  // Notes just posted that the row does not have yet, then the row's; newest first either way.
  const shown = [...posted.filter((note) => !notes.some((other) => other.id === note.id)), ...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  async function add() {
    setBusy(true);
    setError(undefined);
    try {
      const note = await onAdd(draft.trim());
      setPosted((current) => [note, ...current]);
      setDraft('');
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.section} aria-label="Notes">
      <Subtitle2 as="h3">Notes</Subtitle2>
      <form
        className={styles.add}
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <Field label="New note" className={styles.textarea} validationMessage={messageFor('text')}>
          <Textarea value={draft} maxLength={MAX_NOTE_LENGTH} resize="vertical" onChange={(_, data) => setDraft(data.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy || draft.trim() === ''}>
          {busy ? 'Adding…' : 'Add note'}
        </Button>
        {formError && <ErrorBar error={formError} />}
      </form>
      {shown.length === 0 ? (
        <Text className={styles.meta}>No notes yet.</Text>
      ) : (
        <ul className={styles.list} aria-label="Notes, newest first">
          {shown.map((note) => (
            <li key={note.id} className={styles.note}>
              <Caption1 className={styles.meta}>
                {note.authorName} · <time dateTime={note.createdAt}>{formatWhen(note.createdAt, context)}</time>
              </Caption1>
              <div className={styles.text}>{note.text}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
