import type { MemoryTables } from './memory-tables';

/** The twin of SqlRoomDirectory: the visit whose built-in meeting is this room, read from the shared visits. */
export class MemoryRoomDirectory {
  constructor(private readonly tables: MemoryTables) {}

  async visitIdOf(roomId: string): Promise<string | null> {
    const visit = [...this.tables.visits.values()].find((candidate) => candidate.meeting?.provider === 'builtin' && candidate.meeting.meetingId === roomId);
    return visit?.id ?? null;
  }
}
