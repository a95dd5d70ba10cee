/** "Test connection": asks the API to try the connection as typed, before anyone saves it. */
import { useRef, useState } from 'react';
import type { ConnectionTestResult, PatientsConfigQuery } from '../../../../bot/src/contracts/api';
import { toApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import type { ApiError } from '../../shared/api-error';
import { testConnection } from '../patients-api';
import { connectionInput } from './connection-draft';
import type { ConnectionDraft } from './connection-draft';

export type ConnectionTestState =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'done'; result: ConnectionTestResult }
  /** The test did not run (invalid fields, no permission, network): not a verdict on the connection. */
  | { kind: 'failed'; error: ApiError };

export interface ConnectionTest {
  state: ConnectionTestState;
  run: (draft: ConnectionDraft) => Promise<void>;
  /** The fields changed: a verdict about the old ones no longer applies. */
  reset: () => void;
}

export function useConnectionTest(api: ApiClient, channel: PatientsConfigQuery): ConnectionTest {
  const [state, setState] = useState<ConnectionTestState>({ kind: 'idle' });
  // Only the newest test may report: a late verdict about fields since edited would mislead.
  const latest = useRef(0);

  async function run(draft: ConnectionDraft): Promise<void> {
    const ticket = ++latest.current;
    setState({ kind: 'testing' });
    try {
      const result = await testConnection(api, { teamId: channel.teamId, channelId: channel.channelId, connection: connectionInput(draft) });
      if (ticket === latest.current) setState({ kind: 'done', result });
    } catch (caught) {
      if (ticket === latest.current) setState({ kind: 'failed', error: toApiError(caught) });
    }
  }

  function reset(): void {
    latest.current += 1;
    setState({ kind: 'idle' });
  }

  return { state, run, reset };
}
