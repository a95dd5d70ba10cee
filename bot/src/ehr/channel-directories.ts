/**
 * Which EHR a channel reads: its own connection (secret unsealed only in memory) or the
 * organisation's default. Directories are kept per connection so token and summary caches survive
 * between requests.
 */
import type { ChannelSettingsStore } from '../domain/lists/channel-settings';
import type { ChannelRef } from '../domain/shared/actor';
import type { DirectoryResolver, PatientDirectory } from '../domain/patients/patient-summary';
import type { ConnectionReport, ConnectionTester, OpenConnection, SecretSealer } from '../domain/lists/patients-settings-service';

export type TestableDirectory = PatientDirectory & { testConnection(): Promise<ConnectionReport> };

export interface ChannelDirectoriesDeps {
  settings: ChannelSettingsStore;
  sealer: SecretSealer;
  /** The organisation default for a tenant (its id goes into the token scope). */
  organisationDefault: Omit<OpenConnection, 'tenantId'>;
  open(connection: OpenConnection): TestableDirectory;
}

export class ChannelDirectories implements DirectoryResolver, ConnectionTester {
  private readonly cache = new Map<string, TestableDirectory>();

  constructor(private readonly deps: ChannelDirectoriesDeps) {}

  async forChannel(channel: ChannelRef): Promise<PatientDirectory> {
    const own = (await this.deps.settings.getPatients(channel)).connection;
    if (!own) return this.defaultFor(channel.tenantId);
    return this.directory({
      baseUrl: own.baseUrl,
      clientId: own.clientId,
      clientSecret: own.sealedSecret ? this.deps.sealer.open(own.sealedSecret) : '',
      tenantId: channel.tenantId,
      authMethod: own.authMethod ?? undefined,
    });
  }

  async organisationDefault(tenantId: string): Promise<PatientDirectory> {
    return this.defaultFor(tenantId);
  }

  async test(connection: OpenConnection | null, tenantId: string): Promise<ConnectionReport> {
    // A test always builds a fresh directory: nothing cached may make a wrong secret look right.
    const directory = connection ? this.deps.open(connection) : this.deps.open({ ...this.deps.organisationDefault, tenantId });
    return directory.testConnection();
  }

  private defaultFor(tenantId: string): TestableDirectory {
    return this.directory({ ...this.deps.organisationDefault, tenantId });
  }

  private directory(connection: OpenConnection): TestableDirectory {
    const key = JSON.stringify([connection.baseUrl, connection.clientId, connection.clientSecret, connection.tenantId, connection.authMethod ?? null]);
    let directory = this.cache.get(key);
    if (!directory) {
      directory = this.deps.open(connection);
      this.cache.set(key, directory);
    }
    return directory;
  }
}
