/**
 * One part of a patient summary in a cell: its value, or a warning icon whose tooltip (and
 * accessible description) gives the reason it failed, or a dash when the source does not have it
 * ("Not permitted" when the EHR withholds it).
 * A failed part never breaks its row.
 */
import { Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ListRow } from '../../../../bot/src/contracts/lists-api';
import { WarningFilled } from '../../shared/icons';
import { useVisuallyHiddenStyles } from '../../shared/visually-hidden';

export type Part<T> =
  | { status: 'ok'; value: T; asOf: string }
  | { status: 'error'; reason: string }
  | { status: 'unavailable' }
  | { status: 'not_permitted' };

/** A part the EHR keeps from Rounds: an access setting at the hospital, not a fault to retry. */
export const NOT_PERMITTED_TEXT = "not permitted: the EHR does not give Rounds access to this";

const useStyles = makeStyles({
  warning: {
    display: 'inline-flex',
    alignItems: 'center',
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontSize: tokens.fontSizeBase400,
    borderRadius: tokens.borderRadiusSmall,
    cursor: 'help',
  },
  dash: { color: tokens.colorNeutralForeground3 },
});

/** Why a part is missing, in words that fit where the patient came from. */
export function unavailableText(source: ListRow['source']): string {
  return source === 'ehr' ? 'not available from this EHR' : 'not recorded for patients entered by hand';
}

export interface PartValueProps<T> {
  part: Part<T>;
  /** What the part is ("Vitals"), for the warning's accessible name. */
  label: string;
  source: ListRow['source'];
  children: (value: T, asOf: string) => ReactNode;
}

export function PartValue<T>({ part, label, source, children }: PartValueProps<T>) {
  switch (part.status) {
    case 'ok':
      return <>{children(part.value, part.asOf)}</>;
    case 'error':
      return <PartError label={label} reason={part.reason} />;
    case 'unavailable':
      return <PartUnavailable source={source} />;
    case 'not_permitted':
      return <PartNotPermitted />;
  }
}

export function PartError({ label, reason }: { label: string; reason: string }) {
  const styles = useStyles();
  return (
    <Tooltip content={reason} relationship="description" withArrow>
      {/* Focusable so keyboard users can reach the tooltip; the reason is its accessible description. */}
      <span role="img" tabIndex={0} aria-label={`${label} could not be loaded`} className={styles.warning}>
        <WarningFilled />
      </span>
    </Tooltip>
  );
}

export function PartNotPermitted() {
  const styles = useStyles();
  return (
    <span className={styles.dash} title={NOT_PERMITTED_TEXT}>
      Not permitted
    </span>
  );
}

export function PartUnavailable({ source }: { source: ListRow['source'] }) {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const text = unavailableText(source);
  return (
    <span className={styles.dash} title={text}>
      <span aria-hidden>—</span>
      <span className={hidden.hidden}>{text}</span>
    </span>
  );
}
