/** "On duty now": each role on the roster, who answers for it at this moment, their backup and until when. */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { RoleDto } from '../../../bot/src/contracts/roster-api';
import { timeSeenFrom } from './local-time';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  role: { fontWeight: tokens.fontWeightSemibold },
  // Said in words as well as colour, so it reads the same in high contrast.
  nobody: { color: tokens.colorPaletteRedForeground1 },
});

export interface OnDutyNowProps {
  roles: readonly RoleDto[];
  /** YYYY-MM-DD in the viewer's zone: an end today shows as a time only. */
  today: string;
  timeZone: string;
  locale: string;
}

export function OnDutyNow({ roles, today, timeZone, locale }: OnDutyNowProps) {
  const styles = useStyles();
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <h2 id={headingId} className={styles.heading}>
        On duty now
      </h2>
      {roles.length === 0 ? (
        <Text>Nobody is on the roster yet. Add a shift: messages to its role then reach the person on call.</Text>
      ) : (
        <Table aria-labelledby={headingId} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Role</TableHeaderCell>
              <TableHeaderCell>On duty</TableHeaderCell>
              <TableHeaderCell>Backup</TableHeaderCell>
              <TableHeaderCell>Until</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {roles.map((role) => (
              <TableRow key={role.role}>
                <TableCell className={styles.role}>{role.role}</TableCell>
                {role.onDuty ? (
                  <>
                    <TableCell>{role.onDuty.name}</TableCell>
                    <TableCell>{role.backup?.name ?? 'None'}</TableCell>
                    <TableCell>{role.until && <time dateTime={role.until}>{timeSeenFrom(new Date(role.until), today, timeZone, locale)}</time>}</TableCell>
                  </>
                ) : (
                  <TableCell colSpan={3} className={styles.nobody}>
                    Nobody on duty
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
