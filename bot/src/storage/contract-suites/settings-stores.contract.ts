/** What the small keyed stores do on every backend: opt-outs, templates, team and channel settings. */
import type { ChannelSettingsStore } from '../../domain/lists/channel-settings';
import type { OptOutStore, TemplateStore } from '../../domain/notifications/notification-types';
import type { TeamSettingsStore } from '../../domain/visits/team-settings';

export function describeOptOutStoreContract(name: string, open: () => Promise<OptOutStore>): void {
  describe(`OptOutStore contract: ${name}`, () => {
    it('keeps a number opted out however it is written, until it opts in again', async () => {
      const store = await open();
      expect(await store.isOptedOut('+15550001111')).toBe(false);
      await store.optOut('+1 (555) 000-1111');
      await store.optOut('+15550001111');
      expect(await store.isOptedOut('+1 555.000.1111')).toBe(true);
      expect(await store.isOptedOut('+15550002222')).toBe(false);
      await store.optIn('+1-555-000-1111');
      expect(await store.isOptedOut('+15550001111')).toBe(false);
    });
  });
}

export function describeTemplateStoreContract(name: string, open: () => Promise<TemplateStore>): void {
  describe(`TemplateStore contract: ${name}`, () => {
    it('keeps a tenant’s edited templates by key, replaced by the next edit and gone when reset', async () => {
      const store = await open();
      expect(await store.get('tenant-a', 'invite.sms')).toBeNull();
      await store.set('tenant-a', 'invite.sms', { subject: null, body: 'Your visit {{time}}' }, 'admin-1');
      await store.set('tenant-a', 'invite.email', { subject: 'Your visit', body: 'Hello {{patientFirstName}}' }, 'admin-1');
      await store.set('tenant-a', 'invite.sms', { subject: null, body: 'Visit at {{time}}' }, 'admin-2');
      await store.set('tenant-b', 'invite.sms', { subject: null, body: 'Other tenant' }, 'admin-9');
      const sms = await store.get('tenant-a', 'invite.sms');
      expect(sms).toMatchObject({ key: 'invite.sms', subject: null, body: 'Visit at {{time}}', updatedBy: 'admin-2' });
      expect(sms?.updatedAt).toBeInstanceOf(Date);
      expect((await store.list('tenant-a')).map((template) => [template.key, template.body])).toEqual([
        ['invite.email', 'Hello {{patientFirstName}}'],
        ['invite.sms', 'Visit at {{time}}'],
      ]);
      await store.remove('tenant-a', 'invite.sms');
      expect(await store.get('tenant-a', 'invite.sms')).toBeNull();
      expect((await store.get('tenant-b', 'invite.sms'))?.body).toBe('Other tenant');
    });
  });
}

export function describeTeamSettingsStoreContract(name: string, open: () => Promise<TeamSettingsStore>): void {
  describe(`TeamSettingsStore contract: ${name}`, () => {
    it('keeps one coordination channel per team, replaced by the next and cleared once', async () => {
      const store = await open();
      const by = { id: 'aad-lee', name: 'Dr Lee' };
      const at = new Date('2026-12-07T08:00:00Z');
      expect(await store.coordinationChannel('tenant-a', 'team-1')).toBeNull();
      expect(await store.clearCoordinationChannel('tenant-a', 'team-1', by, at)).toBe(false);
      await store.setCoordinationChannel({ tenantId: 'tenant-a', teamId: 'team-1', channelId: 'chan-1', conversationId: '19:chan-1', setBy: by, setAt: at });
      const moved = { tenantId: 'tenant-a', teamId: 'team-1', channelId: 'chan-2', conversationId: '19:chan-2', setBy: { id: 'aad-kim', name: 'Dr Kim' }, setAt: new Date('2026-12-07T09:00:00Z') };
      await store.setCoordinationChannel(moved);
      expect(await store.coordinationChannel('tenant-a', 'team-1')).toEqual(moved);
      expect(await store.coordinationChannel('tenant-b', 'team-1')).toBeNull();
      expect(await store.clearCoordinationChannel('tenant-a', 'team-1', by, at)).toBe(true);
      expect(await store.clearCoordinationChannel('tenant-a', 'team-1', by, at)).toBe(false);
      expect(await store.coordinationChannel('tenant-a', 'team-1')).toBeNull();
    });
  });
}

export function describeChannelSettingsStoreContract(name: string, open: () => Promise<ChannelSettingsStore>): void {
  describe(`ChannelSettingsStore contract: ${name}`, () => {
    it('starts unconfigured and keeps the latest mode per tenant, team and channel', async () => {
      const store = await open();
      const key = { tenantId: 'tenant-a', teamId: 'team-1', channelId: 'chan-1' };
      expect(await store.getPatients(key)).toEqual({ ...key, mode: null, connection: null, updatedAt: null, updatedBy: null });
      const connection = { name: 'Epic prod', baseUrl: 'https://fhir.example/r4', clientId: 'rounds', sealedSecret: 'v1.a.b.c', authMethod: 'client_secret_basic' as const };
      expect(await store.setPatients(key, { mode: 'ehr', connection }, 'user-1')).toMatchObject({ mode: 'ehr', connection });
      // A signed-assertion connection has no secret, and is still a connection.
      const signed = { ...connection, sealedSecret: null, authMethod: 'private_key_jwt' as const };
      expect((await store.setPatients(key, { mode: 'ehr', connection: signed }, 'user-1')).connection).toEqual(signed);
      expect((await store.getPatients(key)).connection).toEqual(signed);
      const saved = await store.setPatients(key, { mode: 'manual', connection: null }, 'user-2');
      expect(saved).toMatchObject({ mode: 'manual', connection: null, updatedBy: 'user-2' });
      expect(saved.updatedAt).toBeInstanceOf(Date);
      expect(await store.getPatients({ ...key, tenantId: 'tenant-b' })).toMatchObject({ mode: null });
      expect(await store.getPatients({ ...key, channelId: 'chan-2' })).toMatchObject({ mode: null });
    });
  });
}
