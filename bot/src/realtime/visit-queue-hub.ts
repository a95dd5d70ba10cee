/**
 * Fans changes of a team's visits out to the care team's queues (the Visits channel tab). The
 * database notifies at commit (migration 0014: triggers on visits and lobby_sessions), so a change made
 * on any instance, by anyone, reaches queues open on every instance.
 */
import type { Database } from '../storage/database';
import { NotifyFanOut } from './notify-fan-out';

const NOTIFY_CHANNEL = 'rounds_visit_queue';

/** One visit of the team changed: the queue reads it again. Ids only, no patient data. */
export interface VisitQueueChange {
  visitId: string;
  channelId: string | null;
}

type Subscriber = (change: VisitQueueChange) => void;

const keyOf = (tenantId: string, teamId: string): string => JSON.stringify([tenantId, teamId]);

export class VisitQueueHub extends NotifyFanOut<Subscriber> {
  constructor(db: Database) {
    super(db, NOTIFY_CHANNEL);
  }

  /** Calls `subscriber` for each change to a visit of the team; returns the unsubscribe function. */
  subscribe(team: { tenantId: string; teamId: string }, subscriber: Subscriber): () => void {
    return this.subscribers.add(keyOf(team.tenantId, team.teamId), subscriber);
  }

  protected deliver(payload: string): void {
    const { tenantId, teamId, channelId, visitId } = JSON.parse(payload) as { tenantId: string; teamId: string; channelId: string | null; visitId: string };
    for (const subscriber of this.subscribers.of(keyOf(tenantId, teamId))) subscriber({ visitId, channelId });
  }
}
