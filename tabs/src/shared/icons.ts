/**
 * The Fluent icons the tabs use, in one place. @fluentui/react-icons is the icon set every Fluent v9
 * component already depends on (it is installed with @fluentui/react-components); importing single
 * icons keeps the bundle to the few glyphs we draw.
 */
export {
  AddRegular,
  ArrowDownloadRegular,
  ArrowClockwiseRegular,
  ArrowMoveRegular,
  CalendarArrowRightRegular,
  ChatRegular,
  DeleteRegular,
  DismissRegular,
  EditRegular,
  LinkRegular,
  MoreHorizontalRegular,
  OpenRegular,
  PersonAddRegular,
  RenameRegular,
  StarRegular,
  TableSettingsRegular,
  TextDensityRegular,
  VideoPersonRegular,
  WarningFilled,
} from '@fluentui/react-icons';
