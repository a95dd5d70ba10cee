/**
 * EHR mode's settings: the organisation's connection, or one for this channel (FHIR base URL and
 * SMART backend-services client: a signed assertion checked against Rounds' JWKS URL, or a client
 * secret), with "Test connection" to check it before saving.
 */
import { Button, Field, Input, Radio, RadioGroup, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { EhrAuthMethodDto, EhrConnectionView } from '../../../../bot/src/contracts/api';
import type { ApiError } from '../../shared/api-error';
import { ErrorBar } from '../../shared/error-bar';
import { connectionFieldOf, usesSecret } from './connection-draft';
import type { ConnectionChoice, ConnectionDraft, ConnectionField } from './connection-draft';
import { ConnectionTestResultBar } from './connection-test-result';
import type { ConnectionTest } from './use-connection-test';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, width: '100%', maxWidth: '560px' },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingLeft: tokens.spacingHorizontalXL },
  test: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS },
});

export interface EhrConnectionFieldsProps {
  draft: ConnectionDraft;
  stored: EhrConnectionView | null;
  defaultConnectionName: string;
  /** Rounds' public keys, which the EHR needs for private_key_jwt. */
  jwksUrl: string;
  onChange: (change: Partial<ConnectionDraft>) => void;
  test: ConnectionTest;
  /** The last save's error, when it names one of these fields. */
  saveError: ApiError | undefined;
}

const METHOD_LABELS: Record<EhrAuthMethodDto, string> = {
  private_key_jwt: 'Signed client assertion (private_key_jwt, SMART Backend Services)',
  client_secret_basic: 'Client secret in the Authorization header (client_secret_basic)',
  client_secret_post: 'Client secret in the request body (client_secret_post)',
};
const METHODS = Object.keys(METHOD_LABELS) as EhrAuthMethodDto[];

export function EhrConnectionFields({ draft, stored, defaultConnectionName, jwksUrl, onChange, test, saveError }: EhrConnectionFieldsProps) {
  const styles = useStyles();
  const testError = test.state.kind === 'failed' ? test.state.error : undefined;
  // The newest message about a field wins: the test's if one ran since, else the save's.
  const fieldError = connectionFieldOf(testError) ? testError : connectionFieldOf(saveError) ? saveError : undefined;
  const messageFor = (field: ConnectionField) => (connectionFieldOf(fieldError) === field ? fieldError?.message : undefined);
  const edit = (change: Partial<ConnectionDraft>) => {
    test.reset();
    onChange(change);
  };
  const keepsSecret = Boolean(stored?.hasSecret);

  return (
    <div className={styles.root}>
      <Field label="Which EHR connection does this channel use?">
        <RadioGroup
          value={draft.choice}
          onChange={(_, data) => {
            const choice: ConnectionChoice = data.value === 'channel' ? 'channel' : 'default';
            edit({ choice });
          }}
        >
          <Radio value="default" label={`Use the organisation's connection (${defaultConnectionName})`} />
          <Radio value="channel" label="Use a connection for this channel" />
        </RadioGroup>
      </Field>
      {draft.choice === 'channel' && (
        <div className={styles.fields}>
          <Field label="Connection name" required validationMessage={messageFor('name')}>
            <Input value={draft.name} maxLength={80} placeholder="e.g. St. Mary's Epic" onChange={(_, data) => edit({ name: data.value })} />
          </Field>
          <Field label="FHIR base URL" required validationMessage={messageFor('baseUrl')}>
            <Input type="url" value={draft.baseUrl} placeholder="https://fhir.example.org/r4" onChange={(_, data) => edit({ baseUrl: data.value })} />
          </Field>
          <Field label="Client id" required validationMessage={messageFor('clientId')}>
            <Input value={draft.clientId} autoComplete="off" onChange={(_, data) => edit({ clientId: data.value })} />
          </Field>
          <Field label="Authentication">
            <Select
              value={draft.authMethod}
              onChange={(_, data) => {
                const method = METHODS.find((candidate) => candidate === data.value);
                if (method) edit({ authMethod: method });
              }}
            >
              {METHODS.map((method) => (
                <option key={method} value={method}>
                  {METHOD_LABELS[method]}
                </option>
              ))}
            </Select>
          </Field>
          {usesSecret(draft.authMethod) ? (
            <Field label="Client secret" required={!keepsSecret} validationMessage={messageFor('clientSecret')}>
              <Input
                type="password"
                value={draft.clientSecret}
                autoComplete="new-password"
                placeholder={keepsSecret ? '•••• stored — leave empty to keep' : undefined}
                onChange={(_, data) => edit({ clientSecret: data.value })}
              />
            </Field>
          ) : (
            <Field label="JWKS URL to register with the EHR" hint="Register this URL for the client id above; Rounds signs with the keys it lists.">
              <Input value={jwksUrl} readOnly onFocus={(event) => event.target.select()} />
            </Field>
          )}
        </div>
      )}
      <div className={styles.test} aria-live="polite">
        <Button onClick={() => void test.run(draft)} disabled={test.state.kind === 'testing'}>
          {test.state.kind === 'testing' ? 'Testing…' : 'Test connection'}
        </Button>
        {test.state.kind === 'done' && <ConnectionTestResultBar result={test.state.result} />}
        {testError && !connectionFieldOf(testError) && <ErrorBar error={testError} />}
      </div>
    </div>
  );
}
