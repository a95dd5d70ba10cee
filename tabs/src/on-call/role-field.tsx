/** The shift's role: typed freely, with the roles already on the roster offered as the user types. */
import { Combobox, Field, Option } from '@fluentui/react-components';
import { useState } from 'react';

export interface RoleFieldProps {
  value: string;
  /** The roles on the roster, suggested so one role is not spelled three ways. */
  roles: readonly string[];
  validationMessage: string | undefined;
  onChange: (role: string) => void;
}

export function RoleField({ value, roles, validationMessage, onChange }: RoleFieldProps) {
  const [open, setOpen] = useState(false);
  const typed = value.trim().toLowerCase();
  const suggestions = roles.filter((role) => role.toLowerCase().includes(typed) && role.toLowerCase() !== typed);

  return (
    <Field label="Role" required hint="For example “Cardiology on call”" validationMessage={validationMessage}>
      <Combobox
        freeform
        value={value}
        maxLength={80}
        selectedOptions={[]}
        open={open && suggestions.length > 0}
        onOpenChange={(_, data) => setOpen(data.open)}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
        }}
        onOptionSelect={(_, data) => {
          if (data.optionText) onChange(data.optionText);
          setOpen(false);
        }}
      >
        {suggestions.map((role) => (
          <Option key={role}>{role}</Option>
        ))}
      </Combobox>
    </Field>
  );
}
