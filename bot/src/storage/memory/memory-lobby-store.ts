import type { LobbySession, LobbyStore, TimelineEvent, VisitFeedback } from '../../domain/lobby/lobby-types';
import { copy, MemoryTables } from './memory-tables';

// Refused changes still worth a line on the timeline, as SqlLobbyStore records them.
const RECORDED_WHEN_REFUSED: readonly TimelineEvent['kind'][] = ['identity_failed', 'no_show', 'link_opened'];

const emptySession = (visitId: string, scheduleVersion: number, participant: string): LobbySession => ({
  visitId,
  scheduleVersion,
  participant,
  identifiedAt: null,
  deviceCheck: null,
  checkedInAt: null,
  clinicianNotifiedAt: null,
  admittedAt: null,
  admittedBy: null,
  messages: [],
});

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The twin of SqlLobbyStore: one session per visit, schedule version and participant, changed
 * atomically (the change function runs with nothing in between, as under the row lock) with its
 * timeline line; the timeline is the one the visit twin writes too.
 */
export class MemoryLobbyStore implements LobbyStore {
  private readonly rows = new Map<string, LobbySession>();

  constructor(private readonly tables = new MemoryTables()) {}

  async session(visitId: string, scheduleVersion: number, participant = 'patient'): Promise<LobbySession> {
    return copy(this.rows.get(key(visitId, scheduleVersion, participant)) ?? emptySession(visitId, scheduleVersion, participant));
  }

  async sessions(visitId: string, scheduleVersion: number): Promise<LobbySession[]> {
    return [...this.rows.values()]
      .filter((session) => session.visitId === visitId && session.scheduleVersion === scheduleVersion)
      .sort((a, b) => Number(a.participant !== 'patient') - Number(b.participant !== 'patient') || byText(a.participant, b.participant))
      .map((session) => copy(session));
  }

  async change(
    visitId: string,
    scheduleVersion: number,
    change: (session: LobbySession) => Partial<LobbySession> | null,
    event: Omit<TimelineEvent, 'visitId' | 'at'> | null,
    participant = 'patient',
  ): Promise<{ session: LobbySession; changed: boolean }> {
    this.tables.requireVisit(visitId);
    const before = await this.session(visitId, scheduleVersion, participant);
    // Runs before anything is written: a change that throws leaves no trace, as a rolled-back transaction.
    const patch = change(copy(before));
    const after: LobbySession = patch ? { ...before, ...copy(patch), visitId, scheduleVersion, participant } : before;
    this.rows.set(key(visitId, scheduleVersion, participant), copy(after));
    if (event && (patch || RECORDED_WHEN_REFUSED.includes(event.kind))) this.tables.recordEvent({ ...event, visitId });
    return { session: copy(after), changed: patch !== null };
  }

  async timeline(visitId: string): Promise<TimelineEvent[]> {
    return this.tables.visitEvents.filter((event) => event.visitId === visitId).map(({ id: _id, ...event }) => copy(event));
  }

  async feedback(visitId: string): Promise<VisitFeedback[]> {
    return this.tables.visitFeedback
      .filter((row) => row.visitId === visitId)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || byText(a.participant, b.participant))
      .map(({ visitId: _visitId, ...feedback }) => copy(feedback));
  }

  async addFeedback(visitId: string, feedback: VisitFeedback): Promise<boolean> {
    this.tables.requireVisit(visitId);
    if (!Number.isInteger(feedback.rating) || feedback.rating < 1 || feedback.rating > 5) throw new Error('a rating is 1 to 5');
    if (this.tables.visitFeedback.some((row) => row.visitId === visitId && row.participant === feedback.participant)) return false;
    this.tables.visitFeedback.push({ ...copy(feedback), visitId });
    this.tables.recordEvent({ visitId, kind: 'feedback', actor: feedback.participant, detail: { rating: feedback.rating } });
    return true;
  }
}

const key = (visitId: string, scheduleVersion: number, participant: string) => `${visitId}|${scheduleVersion}|${participant}`;
