import { AppError } from '../domain/shared/app-error';
import { graphFailure } from '../graph/graph-client';
import { type GraphResponse } from '../graph/graph-http';

export type MeetingOperation = 'create' | 'reschedule' | 'cancel' | 'end';

const VERB: Record<MeetingOperation, string> = { create: 'create', reschedule: 'change', cancel: 'remove', end: 'end' };

/**
 * Turns a Graph answer that is not a success into the AppError a clinician (and, through the
 * message, their administrator) can act on. Graph's own text only steers the choice of message.
 */
export function meetingError(operation: MeetingOperation, response: GraphResponse): AppError {
  const { failure, message } = graphFailure(operation, response);
  const verb = VERB[operation];
  const cause = { cause: failure };
  const status = response.status;
  if (isAccessPolicyRefusal(status, failure.code, message)) {
    return new AppError(
      'unavailable',
      `Microsoft Graph refused to ${verb} the meeting: an administrator must grant Rounds an application access policy ` +
        '(New-CsApplicationAccessPolicy / Grant-CsApplicationAccessPolicy) for the organizer. It can take up to 30 minutes to apply.',
      cause,
    );
  }
  if (status === 403) {
    return new AppError(
      'unavailable',
      `Microsoft Graph refused to ${verb} the meeting: an administrator must give the app GRAPH_CLIENT_ID the ` +
        'OnlineMeetings.ReadWrite.All application permission and grant admin consent.',
      cause,
    );
  }
  if (status === 401) {
    return new AppError(
      'unavailable',
      `Microsoft Graph did not accept Rounds' sign-in: check that the app GRAPH_CLIENT_ID has the OnlineMeetings.ReadWrite.All ` +
        'application permission in GRAPH_TENANT_ID.',
      cause,
    );
  }
  if (status === 404 && operation === 'create') {
    return new AppError(
      'validation',
      'The meeting organizer is not a user in this Microsoft 365 organisation: the first clinician with a Teams account, ' +
        'or GRAPH_ORGANIZER_ID, must be one.',
      cause,
    );
  }
  if (status === 404) {
    return new AppError('not_found', 'The Teams meeting of this visit no longer exists (it may have been deleted in Teams).', cause);
  }
  if (status === 429) return new AppError('rate_limited', 'Microsoft Graph is busy right now. Try again in a minute.', cause);
  if (status >= 500) return new AppError('unavailable', 'Microsoft Graph is not answering right now. Try again in a few minutes.', cause);
  // A 400 means Rounds sent something Graph does not accept: a bug on our side, not the user's.
  return new AppError('internal', `Microsoft Graph would not ${verb} the meeting. Please try again later.`, cause);
}

/**
 * App-only calls need an application access policy for the organizer. Graph has reported its
 * absence as 403 "No application access policy found for this app." and, in older docs, as code
 * "Unauthorized" with "App … is not authorized to Create meeting on behalf of user …".
 */
function isAccessPolicyRefusal(status: number, code: string | null, message: string): boolean {
  if (/application access policy|on behalf of user/i.test(message)) return status === 401 || status === 403;
  if (status !== 403) return false;
  // A missing permission (no admin consent) is a different fix: see the permission message.
  if (/insufficient privileges|missing (role|scope|permission)/i.test(message)) return false;
  return code === null || code === 'Forbidden' || code === 'Unauthorized' || code === 'AccessDenied';
}
