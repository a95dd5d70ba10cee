/**
 * The patient's clinician messages in this care team: threads newest first, each message with where
 * it is, replies indented under it; Acknowledge and Reply where the viewer may.
 */
import { Button, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { MessageDto, MessageThreadDto } from '../../../../bot/src/contracts/messages-api';
import type { ApiClient } from '../../shared/api-client';
import { ErrorBar } from '../../shared/error-bar';
import { ArrowClockwiseRegular } from '../../shared/icons';
import type { Reloadable } from '../../shared/use-reloadable';
import { MessageItem } from '../../messages/message-item';
import { useSectionFocus } from './use-section-focus';
import type { Clock } from '../../messages/message-text';
import { acknowledgeMessage, replyToMessage } from '../../messages/messages-api';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  thread: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`, paddingLeft: tokens.spacingHorizontalS },
  replies: {
    listStyle: 'none',
    margin: `${tokens.spacingVerticalS} 0 0 0`,
    padding: `0 0 0 ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface MessagesSectionProps {
  threads: Reloadable<MessageThreadDto[]>;
  api: ApiClient;
  clock: Clock;
  /** Said once a message was sent from this panel. */
  notice: string | undefined;
  /** Opened from a link to this patient's messages: the section scrolls into view and takes focus. */
  focus: boolean;
}

export function MessagesSection({ threads, api, clock, notice, focus }: MessagesSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const { state, refreshError, reload } = threads;
  const section = useSectionFocus(focus, state.kind !== 'loading');

  async function acknowledge(message: MessageDto) {
    await acknowledgeMessage(api, message.id);
    await reload();
  }

  async function reply(message: MessageDto, text: string) {
    await replyToMessage(api, message.id, text);
    await reload();
  }

  const item = (message: MessageDto) => <MessageItem message={message} clock={clock} onAcknowledge={acknowledge} onReply={reply} />;

  return (
    // Focusable (not in the tab order) so a link to the patient's messages can bring the reader here.
    <section className={styles.section} aria-labelledby={headingId} ref={section} tabIndex={-1}>
      <div className={styles.header}>
        <Subtitle2 as="h3" id={headingId}>
          Messages
        </Subtitle2>
        <Button appearance="subtle" size="small" icon={<ArrowClockwiseRegular />} aria-label="Refresh messages" onClick={() => void reload()} />
      </div>
      <div role="status">
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {refreshError && <ErrorBar error={refreshError} />}
      {state.kind === 'loading' && <Spinner size="tiny" label="Loading messages…" />}
      {state.kind === 'failed' && <ErrorBar error={state.error} />}
      {state.kind === 'loaded' && state.value.length === 0 && <Text className={styles.muted}>No messages about this patient yet.</Text>}
      {state.kind === 'loaded' && state.value.length > 0 && (
        <ul className={styles.list} aria-label="Message threads, newest first">
          {state.value.map((thread) => (
            <li key={thread.message.id} className={styles.thread}>
              {item(thread.message)}
              {thread.replies.length > 0 && (
                <ul className={styles.replies} aria-label="Replies">
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>{item(reply)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
