/**
 * Which visit a built-in room belongs to. Clinicians arrive with the room id alone (it is derived from
 * the visit id by a one-way hash, so the link does not name the visit); the room id is stored in the
 * visit's meeting and indexed by migration 0005.
 */
import type { Database } from './database';

export class SqlRoomDirectory {
  constructor(private readonly db: Database) {}

  async visitIdOf(roomId: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM visits WHERE meeting->>'provider' = 'builtin' AND meeting->>'meetingId' = $1 LIMIT 1`, [roomId]);
    return rows[0]?.id ?? null;
  }
}
