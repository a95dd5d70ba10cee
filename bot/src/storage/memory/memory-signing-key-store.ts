import type { SigningKeyRecord, SigningKeyStore } from '../../secrets/fhir-signing-keys';
import { copy } from './memory-tables';

/** The twin of SqlSigningKeyStore: one key per generation (the first writer wins), retirement only moved earlier. */
export class MemorySigningKeyStore implements SigningKeyStore {
  private readonly rows = new Map<number, SigningKeyRecord>();

  async list(): Promise<SigningKeyRecord[]> {
    return [...this.rows.values()].sort((a, b) => a.generation - b.generation).map((row) => copy(row));
  }

  async insert(record: SigningKeyRecord): Promise<boolean> {
    if (this.rows.has(record.generation)) return false;
    this.rows.set(record.generation, copy(record));
    return true;
  }

  async retireBefore(generation: number, retiresAt: Date): Promise<void> {
    for (const row of this.rows.values()) {
      if (row.generation < generation && (row.retiresAt === null || row.retiresAt > retiresAt)) row.retiresAt = new Date(retiresAt);
    }
  }
}
