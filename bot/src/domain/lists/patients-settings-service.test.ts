/**
 * The Patients tab's settings on in-memory stores: members only, secrets sealed and kept until
 * replaced, dropped for a signed assertion, audited only when the connection changes.
 */
import { MemoryAuditLog } from '../../storage/memory/memory-audit-log';
import { MemoryListStore } from '../../storage/memory/memory-list-store';
import { MemoryChannelSettingsStore } from '../../storage/memory/memory-settings-stores';
import { MemoryTables } from '../../storage/memory/memory-tables';
import { ListService } from './list-service';
import type { Actor, ChannelRef } from '../shared/actor';
import { PatientsSettingsService, type ConnectionReport, type OpenConnection } from './patients-settings-service';

const KIM: Actor = { userId: 'kim', tenantId: 'tenant-a', name: 'Dr Kim' };
const OUTSIDER: Actor = { userId: 'stranger', tenantId: 'tenant-a', name: 'Dr Stranger' };
const WARD: ChannelRef = { tenantId: 'tenant-a', teamId: 'team-1', channelId: 'ward-7' };
const EPIC = { name: 'Epic', baseUrl: 'https://fhir.example/r4//', clientId: 'rounds' };

function setup() {
  const tables = new MemoryTables(() => new Date('2026-12-07T08:00:00Z'));
  const store = new MemoryChannelSettingsStore(tables);
  const audit = new MemoryAuditLog(tables);
  const tested: (OpenConnection | null)[] = [];
  const published: string[] = [];
  const membership = { isMember: async (actor: Actor) => actor.userId === 'kim' };
  const events = { publish: async (channel: ChannelRef) => void published.push(channel.channelId) };
  const lists = new ListService({
    store: new MemoryListStore(tables),
    audit,
    membership,
    events,
    directories: { forChannel: () => Promise.reject(new Error('unused')), organisationDefault: () => Promise.reject(new Error('unused')) },
    modeOf: async () => null,
    now: tables.now,
  });
  const service = new PatientsSettingsService({
    store,
    lists,
    sealer: { seal: (text) => `sealed(${text})`, open: (sealed) => sealed.slice('sealed('.length, -1) },
    tester: {
      test: async (connection): Promise<ConnectionReport> => {
        tested.push(connection);
        return { ok: true, fhirVersion: '4.0.1', message: 'Connected' };
      },
    },
    audit,
    events,
  });
  return { service, store, audit, tested, published };
}

describe('PatientsSettingsService', () => {
  it('lets only members of the team read, change or test the channel’s settings', async () => {
    const { service } = setup();
    await expect(service.get(OUTSIDER, WARD)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.set(OUTSIDER, WARD, { mode: 'manual', connection: null })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.test(OUTSIDER, WARD, null)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('stores a connection with its secret sealed, keeps that secret when it is not sent again, and audits only changes', async () => {
    const { service, store, audit, published } = setup();
    const saved = await service.set(KIM, WARD, { mode: 'ehr', connection: { ...EPIC, clientSecret: 's3cret' } });
    expect(saved.connection).toEqual({ name: 'Epic', baseUrl: 'https://fhir.example/r4', clientId: 'rounds', sealedSecret: 'sealed(s3cret)', authMethod: null });
    await service.set(KIM, WARD, { mode: 'ehr', connection: EPIC });
    expect((await store.getPatients(WARD)).connection?.sealedSecret).toBe('sealed(s3cret)');
    expect(audit.entries().map((entry) => [entry.action, entry.detail])).toEqual([['connection.set', { mode: 'ehr', ownConnection: true, authMethod: 'default' }]]);
    expect(JSON.stringify(audit.entries())).not.toContain('s3cret');
    expect(published).toEqual(['ward-7', 'ward-7']);
  });

  it('drops a stored secret for a signed assertion, and asks for one where there is none', async () => {
    const { service } = setup();
    await expect(service.set(KIM, WARD, { mode: 'ehr', connection: EPIC })).rejects.toMatchObject({ code: 'validation', field: 'connection.clientSecret' });
    await service.set(KIM, WARD, { mode: 'ehr', connection: { ...EPIC, clientSecret: 's3cret' } });
    const signed = await service.set(KIM, WARD, { mode: 'ehr', connection: { ...EPIC, authMethod: 'private_key_jwt' } });
    expect(signed.connection).toMatchObject({ sealedSecret: null, authMethod: 'private_key_jwt' });
    const manual = await service.set(KIM, WARD, { mode: 'manual', connection: { ...EPIC, clientSecret: 'ignored' } });
    expect(manual).toMatchObject({ mode: 'manual', connection: null, updatedBy: 'kim' });
  });

  it('tests a connection with the stored secret opened, a signed assertion with none, and the organisation’s when none is given', async () => {
    const { service, tested } = setup();
    await expect(service.test(KIM, WARD, EPIC)).rejects.toMatchObject({ code: 'validation', field: 'connection.clientSecret' });
    await service.set(KIM, WARD, { mode: 'ehr', connection: { ...EPIC, clientSecret: 's3cret' } });
    await service.test(KIM, WARD, EPIC);
    await service.test(KIM, WARD, { ...EPIC, authMethod: 'private_key_jwt' });
    await service.test(KIM, WARD, null);
    expect(tested).toEqual([
      { baseUrl: EPIC.baseUrl, clientId: 'rounds', tenantId: 'tenant-a', authMethod: undefined, clientSecret: 's3cret' },
      { baseUrl: EPIC.baseUrl, clientId: 'rounds', tenantId: 'tenant-a', authMethod: 'private_key_jwt', clientSecret: '' },
      null,
    ]);
  });
});
