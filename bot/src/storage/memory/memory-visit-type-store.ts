/** The VisitTypeStore's twin: types by tenant and key, listed by key. */
import type { StoredVisitType, VisitTypeStore } from '../../domain/visits/visit-type-catalog';

export class MemoryVisitTypeStore implements VisitTypeStore {
  private readonly types = new Map<string, StoredVisitType>();

  async list(tenantId: string): Promise<StoredVisitType[]> {
    return [...this.types.values()]
      .filter((type) => type.tenantId === tenantId)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(copyOf);
  }

  async insert(type: StoredVisitType): Promise<boolean> {
    if (this.types.has(keyOf(type.tenantId, type.key))) return false;
    await this.save(type);
    return true;
  }

  async save(type: StoredVisitType): Promise<void> {
    this.types.set(keyOf(type.tenantId, type.key), copyOf(type));
  }

  async remove(tenantId: string, key: string): Promise<boolean> {
    return this.types.delete(keyOf(tenantId, key));
  }
}

const keyOf = (tenantId: string, key: string): string => JSON.stringify([tenantId, key]);
const copyOf = (type: StoredVisitType): StoredVisitType => ({ ...type, templates: { ...type.templates }, updatedAt: new Date(type.updatedAt) });
