/** The guests of a family call: relatives at home, each with a name, a relationship and a mobile or email for their own link. */
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { MAX_GUESTS } from '../../../../bot/src/contracts/visits-api';
import { AddRegular, DeleteRegular } from '../../shared/icons';

export interface GuestDraft {
  name: string;
  relationship: string;
  phone: string;
  email: string;
}

export const emptyGuest = (): GuestDraft => ({ name: '', relationship: '', phone: '', email: '' });

const useStyles = makeStyles({
  guest: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
    paddingBlock: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface GuestFieldsProps {
  guests: GuestDraft[];
  onChange: (guests: GuestDraft[]) => void;
  /** An error about the guests ("guests.1.phone"), shown under the guest it names. */
  error: { index: number; message: string } | undefined;
}

export function GuestFields({ guests, onChange, error }: GuestFieldsProps) {
  const styles = useStyles();
  const set = (index: number, change: Partial<GuestDraft>) => onChange(guests.map((guest, at) => (at === index ? { ...guest, ...change } : guest)));
  return (
    <fieldset>
      <legend>Relatives joining from home</legend>
      {guests.map((guest, index) => {
        const number = index + 1;
        const message = error?.index === index ? error.message : undefined;
        return (
          <div key={index} className={styles.guest} role="group" aria-label={`Guest ${number}`}>
            <Field label={`Guest ${number} name`} validationMessage={message}>
              <Input value={guest.name} maxLength={200} onChange={(_, data) => set(index, { name: data.value })} />
            </Field>
            <Field label="Relationship">
              <Input value={guest.relationship} maxLength={100} placeholder="daughter, husband…" onChange={(_, data) => set(index, { relationship: data.value })} />
            </Field>
            <Field label="Mobile" hint="With country code">
              <Input type="tel" value={guest.phone} maxLength={30} onChange={(_, data) => set(index, { phone: data.value })} />
            </Field>
            <Field label="Email">
              <Input type="email" value={guest.email} maxLength={320} onChange={(_, data) => set(index, { email: data.value })} />
            </Field>
            <Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Remove guest ${number}`} onClick={() => onChange(guests.filter((_, at) => at !== index))} />
          </div>
        );
      })}
      {guests.length < MAX_GUESTS && (
        <Button icon={<AddRegular />} onClick={() => onChange([...guests, emptyGuest()])}>
          Add a relative
        </Button>
      )}
    </fieldset>
  );
}

/** The guests as the API takes them, blank rows dropped, and for each the row it came from (to place an error). */
export function guestsInput(guests: readonly GuestDraft[]) {
  const filled = guests.map((guest, row) => ({ guest, row })).filter(({ guest }) => guest.name.trim() || guest.phone.trim() || guest.email.trim());
  return {
    rows: filled.map(({ row }) => row),
    input: filled.map(({ guest }) => ({
      name: guest.name.trim(),
      ...(guest.relationship.trim() ? { relationship: guest.relationship.trim() } : {}),
      ...(guest.phone.trim() ? { phone: guest.phone.replace(/[\s\-().]/g, '') } : {}),
      ...(guest.email.trim() ? { email: guest.email.trim() } : {}),
    })),
  };
}
