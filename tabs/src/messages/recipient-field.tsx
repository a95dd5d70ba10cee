/**
 * Who a message goes to: a person found by the people search, or an on-call role, resolved by the
 * service when it sends to whoever is on duty then. Roles show who is on duty now.
 */
import { Dropdown, Field, Option, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { AddresseeInput } from '../../../bot/src/contracts/messages-api';
import type { RoleDto } from '../../../bot/src/contracts/roster-api';
import type { ApiClient } from '../shared/api-client';
import type { PersonMatch } from '../shared/people-api';
import { PersonPicker } from '../shared/person-picker';
import { useLoad } from '../shared/use-load';
import { fetchRoles } from './messages-api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  option: { display: 'flex', flexDirection: 'column' },
  details: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export type Recipient = { kind: 'person'; person: PersonMatch | undefined } | { kind: 'role'; role: string | undefined };

/** The addressee to send, or undefined while nobody has been picked. */
export function addresseeOf(recipient: Recipient): AddresseeInput | undefined {
  if (recipient.kind === 'person') return recipient.person && { kind: 'person', person: recipient.person };
  return recipient.role ? { kind: 'role', role: recipient.role } : undefined;
}

const onDutyText = (role: RoleDto): string =>
  role.onDuty ? `On duty now: ${role.onDuty.name}${role.backup ? ` (backup ${role.backup.name})` : ''}` : 'Nobody on duty now';

export interface RecipientFieldProps {
  api: ApiClient;
  value: Recipient;
  onChange: (recipient: Recipient) => void;
  /** The API's (or the dialog's own) message about the recipient. */
  error: string | undefined;
}

export function RecipientField({ api, value, onChange, error }: RecipientFieldProps) {
  const styles = useStyles();
  const roles = useLoad('roster-roles', () => fetchRoles(api));

  return (
    <div className={styles.root}>
      <Field label="Send to">
        <RadioGroup
          layout="horizontal"
          value={value.kind}
          onChange={(_, data) => onChange(data.value === 'role' ? { kind: 'role', role: undefined } : { kind: 'person', person: undefined })}
        >
          <Radio value="person" label="A person" />
          <Radio value="role" label="An on-call role" />
        </RadioGroup>
      </Field>
      {value.kind === 'person' ? (
        <PersonPicker api={api} label="Person" required value={value.person} onChange={(person) => onChange({ kind: 'person', person })} validationMessage={error} />
      ) : roles.kind === 'loading' ? (
        <Spinner size="tiny" label="Loading on-call roles…" />
      ) : roles.kind === 'failed' ? (
        <UnavailableRoles message={roles.error.message} error={error} />
      ) : (
        <RoleChoice roles={roles.value} role={value.role} onChange={(role) => onChange({ kind: 'role', role })} error={error} />
      )}
    </div>
  );
}

function RoleChoice({ roles, role, onChange, error }: { roles: RoleDto[]; role: string | undefined; onChange: (role: string) => void; error: string | undefined }) {
  const styles = useStyles();
  const chosen = roles.find((candidate) => candidate.role === role);
  if (roles.length === 0) return <UnavailableRoles message="No on-call roles yet: add shifts in the On-call tab, or message a person." error={error} />;
  // The service's answer wins; before sending, say at once when nobody would get the message.
  const nobody = chosen && !chosen.onDuty ? `Nobody is on duty as ${chosen.role} right now: message a person instead.` : undefined;
  return (
    <Field
      label="On-call role"
      required
      hint={chosen?.onDuty ? onDutyText(chosen) : undefined}
      validationState={error ? 'error' : nobody ? 'warning' : 'none'}
      validationMessage={error ?? nobody}
    >
      <Dropdown placeholder="Choose a role" value={chosen?.role ?? ''} selectedOptions={chosen ? [chosen.role] : []} onOptionSelect={(_, data) => data.optionValue && onChange(data.optionValue)}>
        {roles.map((candidate) => (
          <Option key={candidate.role} value={candidate.role} text={candidate.role}>
            <span className={styles.option}>
              <span>{candidate.role}</span>
              <span className={styles.details}>{onDutyText(candidate)}</span>
            </span>
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** No role to choose (none on the roster, or the roster could not be read): says why, and the dialog's own error. */
function UnavailableRoles({ message, error }: { message: string; error: string | undefined }) {
  return (
    <Field label="On-call role" validationState={error ? 'error' : 'warning'} validationMessage={error ?? message}>
      <Dropdown disabled placeholder={error ? message : 'No roles to choose from'} />
    </Field>
  );
}
