/** Twins of the small keyed stores: opt-outs, templates, team and channel settings. */
import type { ChannelKey, ChannelSettingsStore, EhrConnection, PatientsMode, PatientsSettings } from '../../domain/lists/channel-settings';
import { normalisePhone, type MessageTemplate, type OptOutStore, type StoredTemplate, type TemplateKey, type TemplateStore } from '../../domain/notifications/notification-types';
import type { CoordinationChannel, TeamSettingsStore } from '../../domain/visits/team-settings';
import { copy, MemoryTables } from './memory-tables';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class MemoryOptOutStore implements OptOutStore {
  private readonly phones = new Set<string>();

  async optOut(phone: string): Promise<void> {
    this.phones.add(normalisePhone(phone));
  }

  async optIn(phone: string): Promise<void> {
    this.phones.delete(normalisePhone(phone));
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return this.phones.has(normalisePhone(phone));
  }
}

export class MemoryTemplateStore implements TemplateStore {
  private readonly rows = new Map<string, StoredTemplate & { tenantId: string }>();

  constructor(private readonly tables = new MemoryTables()) {}

  async get(tenantId: string, key: TemplateKey): Promise<StoredTemplate | null> {
    const row = this.rows.get(`${tenantId}|${key}`);
    return row ? toTemplate(row) : null;
  }

  async set(tenantId: string, key: TemplateKey, template: MessageTemplate, updatedBy: string): Promise<void> {
    this.rows.set(`${tenantId}|${key}`, { tenantId, key, subject: template.subject, body: template.body, updatedBy, updatedAt: this.tables.now() });
  }

  async remove(tenantId: string, key: TemplateKey): Promise<void> {
    this.rows.delete(`${tenantId}|${key}`);
  }

  async list(tenantId: string): Promise<StoredTemplate[]> {
    return [...this.rows.values()]
      .filter((row) => row.tenantId === tenantId)
      .sort((a, b) => byText(a.key, b.key))
      .map(toTemplate);
  }
}

const toTemplate = ({ tenantId: _tenantId, ...template }: StoredTemplate & { tenantId: string }): StoredTemplate => copy(template);

export class MemoryTeamSettingsStore implements TeamSettingsStore {
  private readonly rows = new Map<string, { channel: CoordinationChannel | null }>();

  async coordinationChannel(tenantId: string, teamId: string): Promise<CoordinationChannel | null> {
    const channel = this.rows.get(`${tenantId}|${teamId}`)?.channel;
    return channel ? copy(channel) : null;
  }

  async setCoordinationChannel(channel: CoordinationChannel): Promise<void> {
    this.rows.set(`${channel.tenantId}|${channel.teamId}`, { channel: copy(channel) });
  }

  async clearCoordinationChannel(tenantId: string, teamId: string): Promise<boolean> {
    const row = this.rows.get(`${tenantId}|${teamId}`);
    if (!row?.channel) return false;
    row.channel = null;
    return true;
  }
}

export class MemoryChannelSettingsStore implements ChannelSettingsStore {
  private readonly rows = new Map<string, PatientsSettings>();

  constructor(private readonly tables = new MemoryTables()) {}

  async getPatients(key: ChannelKey): Promise<PatientsSettings> {
    const row = this.rows.get(channelKey(key));
    return row ? copy(row) : { ...key, mode: null, connection: null, updatedAt: null, updatedBy: null };
  }

  async setPatients(key: ChannelKey, settings: { mode: PatientsMode; connection: EhrConnection | null }, updatedBy: string): Promise<PatientsSettings> {
    const c = settings.connection;
    // A connection is kept whole or not at all: a secret, or the signed assertion that needs none.
    const connection = c && (c.sealedSecret || c.authMethod === 'private_key_jwt') ? copy(c) : null;
    const row: PatientsSettings = { tenantId: key.tenantId, teamId: key.teamId, channelId: key.channelId, mode: settings.mode, connection, updatedAt: this.tables.now(), updatedBy };
    this.rows.set(channelKey(key), row);
    return copy(row);
  }
}

const channelKey = (key: ChannelKey) => `${key.tenantId}|${key.teamId}|${key.channelId}`;
