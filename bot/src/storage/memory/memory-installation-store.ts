import type { Installation, InstallationInput, InstallationStore } from '../../domain/shared/installations';
import { copy, MemoryTables } from './memory-tables';

/** The twin of SqlInstallationStore: one record per conversation, new again after a removal, kept when removed. */
export class MemoryInstallationStore implements InstallationStore {
  private readonly rows = new Map<string, Installation>();

  constructor(private readonly tables = new MemoryTables()) {}

  async upsertActive(input: InstallationInput): Promise<{ isNew: boolean }> {
    const previous = this.rows.get(input.conversationId);
    const wasActive = previous !== undefined && previous.removedAt === null;
    this.rows.set(input.conversationId, { ...copy(input), installedAt: wasActive ? previous.installedAt : this.tables.now(), removedAt: null });
    return { isNew: !wasActive };
  }

  async markRemoved(conversationId: string): Promise<void> {
    const row = this.rows.get(conversationId);
    if (row && row.removedAt === null) row.removedAt = this.tables.now();
  }

  async get(conversationId: string): Promise<Installation | null> {
    const row = this.rows.get(conversationId);
    return row ? copy(row) : null;
  }

  async listActive(tenantId: string): Promise<Installation[]> {
    return [...this.rows.values()]
      .filter((row) => row.tenantId === tenantId && row.removedAt === null)
      .sort((a, b) => a.installedAt.getTime() - b.installedAt.getTime() || (a.conversationId < b.conversationId ? -1 : 1))
      .map((row) => copy(row));
  }
}
