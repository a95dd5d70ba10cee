/** Which columns the list shows (stored on the list, so the whole care team sees the same ones). */
import { Menu, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger, ToolbarButton } from '@fluentui/react-components';
import { COLUMN_KEYS } from '../../../../bot/src/contracts/lists-api';
import type { ColumnKey } from '../../../../bot/src/contracts/lists-api';
import { TableSettingsRegular } from '../../shared/icons';
import { COLUMN_LABELS, orderedColumns } from '../grid/columns';

export function ColumnsMenu({ columns, onChange }: { columns: readonly ColumnKey[]; onChange: (columns: ColumnKey[]) => void }) {
  return (
    <Menu
      checkedValues={{ columns: [...columns] }}
      onCheckedValueChange={(_, data) => {
        const next = orderedColumns(COLUMN_KEYS.filter((key) => data.checkedItems.includes(key)));
        // A list needs at least one column (the API refuses none); the last one stays ticked.
        if (next.length > 0) onChange(next);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <ToolbarButton icon={<TableSettingsRegular />}>Columns</ToolbarButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {COLUMN_KEYS.map((key) => (
            <MenuItemCheckbox key={key} name="columns" value={key} disabled={columns.length === 1 && columns.includes(key)}>
              {COLUMN_LABELS[key]}
            </MenuItemCheckbox>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
