/**
 * The per-patient menu: open the panel, message a colleague about the patient, schedule a family call
 * (an inpatient) or a follow-up (after discharge), move to another list, remove from this list.
 */
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import type { ListRow } from '../../../../bot/src/contracts/lists-api';
import { ArrowMoveRegular, CalendarArrowRightRegular, ChatRegular, DeleteRegular, LinkRegular, MoreHorizontalRegular, OpenRegular, VideoPersonRegular } from '../../shared/icons';
import type { ScheduleKind } from '../visits/schedule-kind';

export interface RowActionHandlers {
  onOpen: (row: ListRow) => void;
  onMessage: (row: ListRow) => void;
  onSchedule: (row: ListRow, kind: ScheduleKind) => void;
  /** Opens the panel at the patient's visits, with each one's bedside link. */
  onVisits: (row: ListRow) => void;
  onMove: (row: ListRow) => void;
  onRemove: (row: ListRow) => void;
}

export function RowActions({ row, size = 'medium', onOpen, onMessage, onSchedule, onVisits, onMove, onRemove }: RowActionHandlers & { row: ListRow; size?: 'small' | 'medium' }) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" size={size} icon={<MoreHorizontalRegular />} aria-label={`Actions for ${row.summary.patient.name}`} />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<OpenRegular />} onClick={() => onOpen(row)}>
            Open
          </MenuItem>
          <MenuItem icon={<ChatRegular />} onClick={() => onMessage(row)}>
            Message…
          </MenuItem>
          <MenuItem icon={<VideoPersonRegular />} onClick={() => onSchedule(row, 'family-call')}>
            Family call…
          </MenuItem>
          <MenuItem icon={<CalendarArrowRightRegular />} onClick={() => onSchedule(row, 'follow-up')}>
            Schedule follow-up…
          </MenuItem>
          <MenuItem icon={<LinkRegular />} onClick={() => onVisits(row)}>
            Visits and bedside link
          </MenuItem>
          <MenuItem icon={<ArrowMoveRegular />} onClick={() => onMove(row)}>
            Move to list…
          </MenuItem>
          <MenuItem icon={<DeleteRegular />} onClick={() => onRemove(row)}>
            Remove
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
