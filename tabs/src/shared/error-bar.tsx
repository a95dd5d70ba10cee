/** Shows an API failure to the user: only the vetted `message` of an ApiError, never a stack trace. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ApiError } from './api-error';

/** Takes an ApiError, or just a message of our own (the page before its API client exists). */
export function ErrorBar({ error }: { error: Pick<ApiError, 'message'> }) {
  return (
    <MessageBar intent="error" politeness="assertive">
      <MessageBarBody>{error.message}</MessageBarBody>
    </MessageBar>
  );
}
