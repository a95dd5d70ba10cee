/** Chooses which of the channel's rounding lists is on screen; the default list comes first and says so. */
import { Dropdown, Option, makeStyles, tokens } from '@fluentui/react-components';
import type { RoundingList } from '../../../../bot/src/contracts/lists-api';

const useStyles = makeStyles({
  dropdown: { minWidth: '200px', maxWidth: '100%' },
  meta: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalXS },
});

const label = (list: RoundingList) => (list.isDefault ? `${list.name} (default)` : list.name);

export function ListPicker({ lists, selected, onSelect }: { lists: readonly RoundingList[]; selected: RoundingList; onSelect: (listId: string) => void }) {
  const styles = useStyles();
  return (
    <Dropdown
      className={styles.dropdown}
      aria-label="Rounding list"
      value={label(selected)}
      selectedOptions={[selected.id]}
      onOptionSelect={(_, data) => {
        if (data.optionValue) onSelect(data.optionValue);
      }}
    >
      {lists.map((list) => (
        <Option key={list.id} value={list.id} text={label(list)}>
          {label(list)}
          <span className={styles.meta}>
            · {list.patientCount} {list.patientCount === 1 ? 'patient' : 'patients'}
          </span>
        </Option>
      ))}
    </Dropdown>
  );
}
