/** One line of the device check: its name, whether it works (in words, not only a colour), and the fix. */
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { CheckOutcome } from './check-outcome';

const STATUS_TEXT: Record<CheckOutcome['status'], string> = {
  idle: 'Not tested yet',
  running: 'Checking…',
  ok: 'Working',
  failed: 'Problem',
};
const STATUS_MARK: Record<CheckOutcome['status'], string> = { idle: '○', running: '…', ok: '✓', failed: '!' };

export interface CheckItemProps {
  label: string;
  outcome: CheckOutcome;
  /** Offered when the item failed. */
  onRetry?: (() => void) | undefined;
  children?: ReactNode;
}

export function CheckItem({ label, outcome, onRetry, children }: CheckItemProps) {
  const id = useId();
  return (
    <li className={`check-item ${outcome.status}`} aria-labelledby={`${id}-label`} data-testid={`check-${label.toLowerCase().replace(/\s+/g, '-')}`}>
      <div className="check-head">
        <h2 id={`${id}-label`} className="check-label">
          {label}
        </h2>
        <p className="check-status">
          <span className="check-mark" aria-hidden="true">
            {STATUS_MARK[outcome.status]}
          </span>
          {/* Polite: says "Camera: Working" or "Camera: Problem" when it changes, without interrupting. */}
          <span role="status">
            <span className="visually-hidden">{label}: </span>
            {STATUS_TEXT[outcome.status]}
          </span>
        </p>
      </div>
      {outcome.status === 'ok' && outcome.detail && <p className="check-detail">{outcome.detail}</p>}
      {outcome.status === 'failed' && (
        <div className="check-problem">
          <p>{outcome.problem}</p>
          <p>
            <strong>What to do:</strong> {outcome.fix}
          </p>
          {onRetry && (
            <button type="button" className="button" onClick={onRetry}>
              Try again<span className="visually-hidden"> ({label.toLowerCase()})</span>
            </button>
          )}
        </div>
      )}
      {children}
    </li>
  );
}
