/** When the visit is and with whom: all a patient's link reveals (no reason, no other clinical detail). */
import type { LobbyView } from '../../../bot/src/contracts/lobby-api';
import { namesOf, visitTime } from './format';
import type { LobbyClock } from './format';

export function VisitSummary({ view, clock }: { view: Pick<LobbyView, 'start' | 'durationMinutes' | 'clinicians'>; clock: LobbyClock }) {
  return (
    <dl className="visit-summary">
      <div>
        <dt>When</dt>
        <dd>
          <time dateTime={view.start}>{visitTime(view.start, clock)}</time> ({view.durationMinutes} minutes)
        </dd>
      </div>
      <div>
        <dt>With</dt>
        <dd>{namesOf(view.clinicians)}</dd>
      </div>
    </dl>
  );
}
