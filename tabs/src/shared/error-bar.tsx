/** Shows an API failure to the user: only the vetted `message` of an ApiError, never a stack trace. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ApiError } from './api-client';

export function ErrorBar({ error }: { error: ApiError }) {
  return (
    <MessageBar intent="error" politeness="assertive">
      <MessageBarBody>{error.message}</MessageBarBody>
    </MessageBar>
  );
}
