/** The verdict of "Test connection": success with the server's description, or the exact problem. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ConnectionTestResult } from '../../../../bot/src/contracts/api';

type Problem = Extract<ConnectionTestResult, { ok: false }>['problem'];

const PROBLEM_TITLES: Record<Problem, string> = {
  unreachable: 'The FHIR server could not be reached',
  tls: 'The secure connection (TLS) failed',
  bad_credentials: "The server refused Rounds' credentials (client id, secret or signed assertion)",
  not_fhir: 'This address is not a FHIR server',
  unsupported_version: 'This FHIR version is not supported',
  search_refused: 'The server refused a Patient search',
};

export function ConnectionTestResultBar({ result }: { result: ConnectionTestResult }) {
  return result.ok ? (
    <MessageBar intent="success">
      <MessageBarBody>
        <MessageBarTitle>Connection works</MessageBarTitle>
        {result.message}
      </MessageBarBody>
    </MessageBar>
  ) : (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>{PROBLEM_TITLES[result.problem]}</MessageBarTitle>
        {result.message}
      </MessageBarBody>
    </MessageBar>
  );
}
