/** The Patients tab's configuration: mode and EHR connection per channel, audited, secrets sealed. */
import { AppError } from '../shared/app-error';
import type { ChannelSettingsStore, EhrAuthMethod, EhrConnection, PatientsMode, PatientsSettings } from './channel-settings';
import type { Actor, ChannelRef } from '../shared/actor';
import type { AuditLog } from '../shared/audit';
import type { ListEvents } from './list-types';
import type { ListService } from './list-service';

export interface ConnectionInput {
  name: string;
  baseUrl: string;
  clientId: string;
  /** Omitted: keep the stored secret. Not used with private_key_jwt. */
  clientSecret?: string | undefined;
  /** Omitted: a secret used the way the EHR prefers (how connections were saved before the choice). */
  authMethod?: EhrAuthMethod | undefined;
}

export type ConnectionReport =
  | { ok: true; fhirVersion: string; message: string }
  | { ok: false; problem: 'unreachable' | 'tls' | 'bad_credentials' | 'not_fhir' | 'unsupported_version' | 'search_refused'; message: string };

/** A connection with its secret in clear, only ever held in memory on the way to the EHR. */
export interface OpenConnection {
  baseUrl: string;
  clientId: string;
  /** '' with private_key_jwt. */
  clientSecret: string;
  tenantId: string;
  authMethod?: EhrAuthMethod | undefined;
}

export interface SecretSealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface ConnectionTester {
  /** null: the organisation's default connection. */
  test(connection: OpenConnection | null, tenantId: string): Promise<ConnectionReport>;
}

export interface PatientsSettingsDeps {
  store: ChannelSettingsStore;
  lists: ListService;
  sealer: SecretSealer;
  tester: ConnectionTester;
  audit: AuditLog;
  events: ListEvents;
}

export class PatientsSettingsService {
  constructor(private readonly deps: PatientsSettingsDeps) {}

  async get(actor: Actor, channel: ChannelRef): Promise<PatientsSettings> {
    await this.deps.lists.authorize(actor, channel);
    return this.deps.store.getPatients(channel);
  }

  async set(actor: Actor, channel: ChannelRef, input: { mode: PatientsMode; connection: ConnectionInput | null }): Promise<PatientsSettings> {
    await this.deps.lists.authorize(actor, channel);
    const current = await this.deps.store.getPatients(channel);
    const connection = input.mode === 'ehr' && input.connection ? this.sealed(input.connection, current.connection) : null;
    const saved = await this.deps.store.setPatients(channel, { mode: input.mode, connection }, actor.userId);
    const connectionChanged =
      current.mode !== saved.mode ||
      current.connection?.baseUrl !== connection?.baseUrl ||
      current.connection?.clientId !== connection?.clientId ||
      current.connection?.sealedSecret !== connection?.sealedSecret ||
      current.connection?.authMethod !== connection?.authMethod;
    if (connectionChanged) {
      await this.deps.audit.record({
        actor,
        action: 'connection.set',
        channel,
        detail: { mode: input.mode, ownConnection: connection !== null, authMethod: connection?.authMethod ?? 'default' },
      });
    }
    await this.deps.events.publish(channel, { kind: 'lists', listId: null, by: actor.name });
    return saved;
  }

  async test(actor: Actor, channel: ChannelRef, input: ConnectionInput | null): Promise<ConnectionReport> {
    await this.deps.lists.authorize(actor, channel);
    if (!input) return this.deps.tester.test(null, channel.tenantId);
    const open = { baseUrl: input.baseUrl, clientId: input.clientId, tenantId: channel.tenantId, authMethod: input.authMethod };
    if (input.authMethod === 'private_key_jwt') return this.deps.tester.test({ ...open, clientSecret: '' }, channel.tenantId);
    const stored = (await this.deps.store.getPatients(channel)).connection;
    const clientSecret = input.clientSecret ?? (stored?.sealedSecret ? this.deps.sealer.open(stored.sealedSecret) : undefined);
    if (!clientSecret) throw new AppError('validation', 'client secret is required', { field: 'connection.clientSecret' });
    return this.deps.tester.test({ ...open, clientSecret }, channel.tenantId);
  }

  private sealed(input: ConnectionInput, stored: EhrConnection | null): EhrConnection {
    const base = { name: input.name, baseUrl: input.baseUrl.replace(/\/+$/, ''), clientId: input.clientId, authMethod: input.authMethod ?? null };
    // A signed assertion needs no secret: a stored one is dropped rather than kept unused.
    if (input.authMethod === 'private_key_jwt') return { ...base, sealedSecret: null };
    const sealedSecret = input.clientSecret !== undefined ? this.deps.sealer.seal(input.clientSecret) : stored?.sealedSecret;
    if (!sealedSecret) throw new AppError('validation', 'client secret is required', { field: 'connection.clientSecret' });
    return { ...base, sealedSecret };
  }
}
