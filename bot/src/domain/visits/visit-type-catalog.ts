/**
 * Visit types: what a visit is booked as (a video visit, a family call, a follow-up after discharge,
 * or a type of the organisation's own), with its default length, which of the patient messages it
 * sends (the SMS templates, the email templates) and whether it is a telehealth visit. Rounds books
 * telehealth visits only: a type marked otherwise (an EHR's in-person appointment) is refused, so an
 * in-person appointment is never turned into a video call by mistake.
 */
import { AppError } from '../shared/app-error';
import type { Actor } from '../shared/actor';
import type { AuditAction, AuditLog } from '../shared/audit';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from './visit-rules';
import type { NotifyChannel, PatientContact } from './visit-types';

export interface VisitTypeSettings {
  name: string;
  defaultDurationMinutes: number;
  telehealth: boolean;
  /** Whether the type's visits send the organisation's SMS templates, and its email templates. */
  templates: { sms: boolean; email: boolean };
}

export interface VisitType extends VisitTypeSettings {
  key: string;
  builtIn: boolean;
  /** Who last changed it (null: as built in). */
  edited: { by: string; at: Date } | null;
}

export interface StoredVisitType extends VisitTypeSettings {
  tenantId: string;
  key: string;
  updatedBy: string;
  updatedAt: Date;
}

export interface VisitTypeStore {
  list(tenantId: string): Promise<StoredVisitType[]>;
  /** Adds a type; false (nothing written) when the tenant already has one with its key. */
  insert(type: StoredVisitType): Promise<boolean>;
  save(type: StoredVisitType): Promise<void>;
  /** Returns whether there was one. */
  remove(tenantId: string, key: string): Promise<boolean>;
}

/** The key of the type a visit booked without one is: a plain video visit. */
export const DEFAULT_VISIT_TYPE = 'video';

const everything = { sms: true, email: true };

export const BUILT_IN_VISIT_TYPES: Readonly<Record<string, VisitTypeSettings>> = {
  video: { name: 'Video visit', defaultDurationMinutes: 30, telehealth: true, templates: everything },
  /** An inpatient on the ward (from a bedside device) and relatives at home. */
  'family-call': { name: 'Family call', defaultDurationMinutes: 30, telehealth: true, templates: everything },
  /** A discharged patient seen again from home. */
  'follow-up': { name: 'Follow-up after discharge', defaultDurationMinutes: 20, telehealth: true, templates: everything },
};

const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface VisitTypeCatalogDeps {
  store: VisitTypeStore;
  audit: AuditLog;
  now(): Date;
}

export class VisitTypeCatalog {
  constructor(private readonly deps: VisitTypeCatalogDeps) {}

  /** The built-in types (as the organisation changed them), then its own, by name. */
  async list(tenantId: string): Promise<VisitType[]> {
    const stored = new Map((await this.deps.store.list(tenantId)).map((type) => [type.key, type]));
    const builtIn = Object.entries(BUILT_IN_VISIT_TYPES).map(([key, settings]): VisitType => {
      const own = stored.get(key);
      return own ? fromStored(own, true) : { key, ...settings, builtIn: true, edited: null };
    });
    const own = [...stored.values()].filter((type) => !(type.key in BUILT_IN_VISIT_TYPES)).map((type) => fromStored(type, false));
    return [...builtIn, ...own.sort((a, b) => a.name.localeCompare(b.name))];
  }

  /** The type a visit is booked as; AppError at `field` for an unknown or non-telehealth type. */
  async bookable(tenantId: string, key: string | null | undefined, field = 'visitType'): Promise<VisitType> {
    const wanted = key ?? DEFAULT_VISIT_TYPE;
    const type = (await this.list(tenantId)).find((candidate) => candidate.key === wanted);
    if (!type) throw new AppError('validation', 'There is no such visit type. Choose one of the types your administrators defined.', { field });
    if (!type.telehealth) throw new AppError('validation', `“${type.name}” is not a telehealth visit type, so Rounds cannot book it as a video visit.`, { field });
    return type;
  }

  /** Creates a type of the organisation's own (key from `key`, else from the name). */
  async create(actor: Actor, settings: VisitTypeSettings, key?: string): Promise<VisitType> {
    const chosen = key ?? slug(settings.name);
    if (!KEY.test(chosen)) throw new AppError('validation', 'The key must be lowercase letters, digits and dashes (at most 40).', { field: 'key' });
    const taken = () => new AppError('conflict', 'A visit type with this key already exists: change that one, or choose another name.', { field: 'key' });
    if (chosen in BUILT_IN_VISIT_TYPES) throw taken();
    // Inserted, not upserted: of two administrators creating the same type at once, one is told.
    if (!(await this.deps.store.insert({ tenantId: actor.tenantId, key: chosen, ...checked(settings), updatedBy: actor.name, updatedAt: this.deps.now() }))) throw taken();
    const created = await this.existing(actor.tenantId, chosen);
    await this.record(actor, 'visit_type.create', chosen, created);
    return created;
  }

  async update(actor: Actor, key: string, settings: VisitTypeSettings): Promise<VisitType> {
    await this.existing(actor.tenantId, key);
    return this.write(actor, key, checked(settings), 'visit_type.update');
  }

  /** A built-in type goes back to how it was built in; a type of the organisation's own is deleted. */
  async remove(actor: Actor, key: string): Promise<VisitType | null> {
    const type = await this.existing(actor.tenantId, key);
    await this.deps.store.remove(actor.tenantId, key);
    await this.record(actor, type.builtIn ? 'visit_type.reset' : 'visit_type.delete', key, type);
    return type.builtIn ? this.existing(actor.tenantId, key) : null;
  }

  private async existing(tenantId: string, key: string): Promise<VisitType> {
    const type = (await this.list(tenantId)).find((candidate) => candidate.key === key);
    if (!type) throw new AppError('not_found', 'There is no such visit type.');
    return type;
  }

  private async write(actor: Actor, key: string, settings: VisitTypeSettings, action: AuditAction): Promise<VisitType> {
    await this.deps.store.save({ tenantId: actor.tenantId, key, ...settings, updatedBy: actor.name, updatedAt: this.deps.now() });
    const saved = await this.existing(actor.tenantId, key);
    await this.record(actor, action, key, saved);
    return saved;
  }

  private record(actor: Actor, action: AuditAction, key: string, type: VisitTypeSettings): Promise<void> {
    return this.deps.audit.record({
      actor,
      action,
      channel: null,
      detail: { visitType: key, defaultDurationMinutes: type.defaultDurationMinutes, telehealth: type.telehealth, sms: type.templates.sms, email: type.templates.email },
    });
  }
}

/**
 * What a visit of this type is booked with: the length asked for, else the type's default; the
 * channels asked for, else every one the patient has a contact for; in both cases only those whose
 * templates the type sends.
 */
export function applyVisitType(
  type: VisitTypeSettings,
  asked: { durationMinutes?: number | undefined; notify?: readonly NotifyChannel[] | undefined },
  contact: PatientContact,
): { durationMinutes: number; notify: NotifyChannel[] } {
  const reachable: NotifyChannel[] = [...(contact.phone ? ['sms' as const] : []), ...(contact.email ? ['email' as const] : [])];
  const notify = [...new Set(asked.notify ?? reachable)].filter((channel) => type.templates[channel]);
  return { durationMinutes: asked.durationMinutes ?? type.defaultDurationMinutes, notify };
}

function checked(settings: VisitTypeSettings): VisitTypeSettings {
  const name = settings.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new AppError('validation', 'Give the visit type a name.', { field: 'name' });
  const minutes = settings.defaultDurationMinutes;
  if (!Number.isInteger(minutes) || minutes < MIN_DURATION_MINUTES || minutes > MAX_DURATION_MINUTES) {
    throw new AppError('validation', `The default duration must be between ${MIN_DURATION_MINUTES} and ${MAX_DURATION_MINUTES} minutes.`, { field: 'defaultDurationMinutes' });
  }
  return { ...settings, name };
}

const fromStored = (type: StoredVisitType, builtIn: boolean): VisitType => ({
  key: type.key,
  name: type.name,
  defaultDurationMinutes: type.defaultDurationMinutes,
  telehealth: type.telehealth,
  templates: type.templates,
  builtIn,
  edited: { by: type.updatedBy, at: type.updatedAt },
});

const slug = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'type';
