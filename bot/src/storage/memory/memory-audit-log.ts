import type { AuditEntry, AuditLog } from '../../domain/shared/audit';
import { copy, MemoryTables } from './memory-tables';

/** The twin of SqlAuditLog: an append-only trail that tests read back as an auditor would. */
export class MemoryAuditLog implements AuditLog {
  private readonly trail: (AuditEntry & { at: Date })[] = [];

  constructor(private readonly tables = new MemoryTables()) {}

  async record(entry: AuditEntry): Promise<void> {
    this.trail.push({ ...copy(entry), at: this.tables.now() });
  }

  /** Every entry, oldest first. */
  entries(): (AuditEntry & { at: Date })[] {
    return copy(this.trail);
  }
}
