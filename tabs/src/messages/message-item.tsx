/**
 * One message of a thread: route, priority, time, text, where it is (and the escalation steps), and
 * Acknowledge / Reply when the service says the viewer may.
 */
import { Badge, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { MessageDto, MessagePriority } from '../../../bot/src/contracts/messages-api';
import { toApiError } from '../shared/api-client';
import type { ApiError } from '../shared/api-error';
import { ErrorBar } from '../shared/error-bar';
import { PRIORITY_LABELS, escalationText, routeText, stateText } from './message-text';
import type { Clock } from './message-text';
import { ReplyForm } from './reply-form';

const useStyles = makeStyles({
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  acknowledged: { color: tokens.colorPaletteGreenForeground1 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, paddingTop: tokens.spacingVerticalXS },
});

const BADGE_COLOR: Record<MessagePriority, 'informative' | 'warning' | 'danger'> = { routine: 'informative', urgent: 'warning', stat: 'danger' };

export interface MessageItemProps {
  message: MessageDto;
  clock: Clock;
  onAcknowledge: (message: MessageDto) => Promise<void>;
  onReply: (message: MessageDto, text: string) => Promise<void>;
}

export function MessageItem({ message, clock, onAcknowledge, onReply }: MessageItemProps) {
  const styles = useStyles();
  const [replying, setReplying] = useState(false);
  const [acknowledging, setAcknowledging] = useState(false);
  const [error, setError] = useState<ApiError>();
  const escalation = escalationText(message, clock);
  const stateClass = message.acknowledgedAt ? styles.acknowledged : message.undeliverable ? styles.problem : styles.meta;

  async function acknowledge() {
    setAcknowledging(true);
    setError(undefined);
    try {
      await onAcknowledge(message);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setAcknowledging(false);
    }
  }

  return (
    <article className={styles.item} aria-label={`${message.inReplyTo ? 'Reply' : 'Message'} from ${message.sender.name}`}>
      <div className={styles.header}>
        <Text weight="semibold">{routeText(message)}</Text>
        {!message.inReplyTo && (
          <Badge size="small" appearance={message.priority === 'routine' ? 'tint' : 'filled'} color={BADGE_COLOR[message.priority]}>
            {PRIORITY_LABELS[message.priority]}
          </Badge>
        )}
        <Caption1 className={styles.meta}>
          <time dateTime={message.sentAt}>{clock(message.sentAt)}</time>
        </Caption1>
      </div>
      <div className={styles.text}>{message.text}</div>
      <Caption1 className={stateClass}>{stateText(message, clock)}</Caption1>
      {escalation && <Caption1 className={styles.meta}>{escalation}</Caption1>}
      {error && <ErrorBar error={error} />}
      {(message.canAcknowledge || message.canReply) && !replying && (
        <div className={styles.actions}>
          {message.canAcknowledge && (
            <Button size="small" appearance="primary" disabled={acknowledging} onClick={() => void acknowledge()}>
              {acknowledging ? 'Acknowledging…' : 'Acknowledge'}
            </Button>
          )}
          {message.canReply && (
            <Button size="small" onClick={() => setReplying(true)}>
              Reply
            </Button>
          )}
        </div>
      )}
      {replying && (
        <ReplyForm
          onSend={async (text) => {
            await onReply(message, text);
            setReplying(false);
          }}
          onCancel={() => setReplying(false)}
        />
      )}
    </article>
  );
}
