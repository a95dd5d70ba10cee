/**
 * Everything one can do to the list on screen. Fluent's Toolbar makes it one Tab stop with arrow-key
 * movement between buttons; it wraps onto more lines on a narrow screen instead of hiding actions.
 */
import { Toolbar, ToolbarButton, ToolbarDivider, ToolbarToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import type { ColumnKey, RoundingList } from '../../../../bot/src/contracts/lists-api';
import { AddRegular, ArrowDownloadRegular, DeleteRegular, PersonAddRegular, RenameRegular, StarRegular, TextDensityRegular } from '../../shared/icons';
import { ColumnsMenu } from './columns-menu';
import { ListPicker } from './list-picker';

const useStyles = makeStyles({
  toolbar: { flexWrap: 'wrap', rowGap: tokens.spacingVerticalXS, paddingLeft: 0, paddingRight: 0 },
});

export interface ListToolbarProps {
  lists: readonly RoundingList[];
  selected: RoundingList;
  columns: readonly ColumnKey[];
  exporting: boolean;
  compact: boolean;
  onSelect: (listId: string) => void;
  onAddPatient: () => void;
  onNewList: () => void;
  onRename: () => void;
  onSetDefault: () => void;
  onColumnsChange: (columns: ColumnKey[]) => void;
  onExport: () => void;
  onCompactChange: (compact: boolean) => void;
  onDelete: () => void;
}

export function ListToolbar(props: ListToolbarProps) {
  const styles = useStyles();
  const { selected } = props;
  return (
    <Toolbar
      aria-label="Rounding list actions"
      className={styles.toolbar}
      checkedValues={{ density: props.compact ? ['compact'] : [] }}
      onCheckedValueChange={(_, data) => {
        if (data.name === 'density') props.onCompactChange(data.checkedItems.includes('compact'));
      }}
    >
      <ListPicker lists={props.lists} selected={selected} onSelect={props.onSelect} />
      <ToolbarButton appearance="primary" icon={<PersonAddRegular />} onClick={props.onAddPatient}>
        Add patient
      </ToolbarButton>
      <ToolbarDivider />
      <ToolbarButton icon={<AddRegular />} onClick={props.onNewList}>
        New list
      </ToolbarButton>
      <ToolbarButton icon={<RenameRegular />} onClick={props.onRename}>
        Rename
      </ToolbarButton>
      {/* disabledFocusable (not disabled): the button stays in the tab order, so it can say why it is off. */}
      <ToolbarButton icon={<StarRegular />} onClick={props.onSetDefault} disabledFocusable={selected.isDefault} title={selected.isDefault ? 'This is already the default list' : undefined}>
        Set as default
      </ToolbarButton>
      <ColumnsMenu columns={props.columns} onChange={props.onColumnsChange} />
      <ToolbarToggleButton icon={<TextDensityRegular />} name="density" value="compact">
        Compact rows
      </ToolbarToggleButton>
      <ToolbarButton icon={<ArrowDownloadRegular />} onClick={props.onExport} disabledFocusable={props.exporting}>
        {props.exporting ? 'Exporting…' : 'Export CSV'}
      </ToolbarButton>
      <ToolbarButton icon={<DeleteRegular />} onClick={props.onDelete}>
        Delete
      </ToolbarButton>
    </Toolbar>
  );
}
