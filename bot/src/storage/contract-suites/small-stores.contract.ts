/** What the installation store, the room directory, the signing-key store and the bot's state storage do on every backend. */
import type { Storage } from 'botbuilder';
import type { InstallationStore } from '../../domain/shared/installations';
import type { SigningKeyRecord, SigningKeyStore } from '../../secrets/fhir-signing-keys';
import type { VisitStore } from '../../domain/visits/visit-types';
import { newVisit } from './visit-fixtures';

const installation = (conversationId: string, tenantId = 'tenant-a') => ({
  conversationId,
  tenantId,
  scope: 'team' as const,
  teamId: 'team-1',
  channelId: conversationId,
  reference: { serviceUrl: 'https://smba.example/amer/', conversation: { id: conversationId } },
});

export function describeInstallationStoreContract(name: string, open: () => Promise<InstallationStore>): void {
  describe(`InstallationStore contract: ${name}`, () => {
    it('reports an installation as new once, then refreshes its reference', async () => {
      const store = await open();
      expect(await store.upsertActive(installation('19:chan-a'))).toEqual({ isNew: true });
      const installedAt = (await store.get('19:chan-a'))?.installedAt;
      const moved = { ...installation('19:chan-a'), reference: { serviceUrl: 'https://smba.example/emea/' } };
      expect(await store.upsertActive(moved)).toEqual({ isNew: false });
      expect(await store.get('19:chan-a')).toMatchObject({ reference: { serviceUrl: 'https://smba.example/emea/' }, installedAt, removedAt: null });
      expect(await store.get('19:unknown')).toBeNull();
    });

    it('treats a reinstall after removal as new and lists only active installations per tenant', async () => {
      const store = await open();
      await store.upsertActive(installation('19:chan-b', 'tenant-b'));
      await store.upsertActive(installation('19:chan-c', 'tenant-b'));
      await store.upsertActive(installation('19:chan-d', 'tenant-c'));
      await store.markRemoved('19:chan-b');
      expect((await store.get('19:chan-b'))?.removedAt).toBeInstanceOf(Date);
      expect((await store.listActive('tenant-b')).map((i) => i.conversationId)).toEqual(['19:chan-c']);
      expect(await store.upsertActive(installation('19:chan-b', 'tenant-b'))).toEqual({ isNew: true });
      expect((await store.get('19:chan-b'))?.removedAt).toBeNull();
      expect((await store.listActive('tenant-b')).map((i) => i.conversationId).sort()).toEqual(['19:chan-b', '19:chan-c']);
    });
  });
}

export function describeRoomDirectoryContract(name: string, open: () => Promise<{ rooms: { visitIdOf(roomId: string): Promise<string | null> }; visits: VisitStore }>): void {
  describe(`RoomDirectory contract: ${name}`, () => {
    it('finds the visit whose built-in meeting is the room, and no visit for a Teams meeting or an unknown room', async () => {
      const { rooms, visits } = await open();
      const builtin = (await visits.create(newVisit(), null)).visit;
      await visits.update(builtin.id, 1, { meeting: { provider: 'builtin', meetingId: 'room-abc', organizerId: null, clinicianJoinUrl: 'https://rounds.example/rooms/room-abc' } }, []);
      const teams = (await visits.create(newVisit(), null)).visit;
      await visits.update(teams.id, 1, { meeting: { provider: 'graph', meetingId: 'room-def', organizerId: 'aad-lee', clinicianJoinUrl: 'https://teams.example/meet' } }, []);
      expect(await rooms.visitIdOf('room-abc')).toBe(builtin.id);
      expect(await rooms.visitIdOf('room-def')).toBeNull();
      expect(await rooms.visitIdOf('room-zzz')).toBeNull();
    });
  });
}

const key = (generation: number, retiresAt: Date | null = null): SigningKeyRecord => ({
  generation,
  kid: `kid-${generation}`,
  alg: 'RS384',
  sealedPrivateKey: `sealed-${generation}`,
  publicJwk: { kty: 'RSA', kid: `kid-${generation}`, alg: 'RS384', use: 'sig', n: 'AQAB', e: 'AQAB' },
  publishedAt: new Date(Date.UTC(2026, 0, generation)),
  activatesAt: new Date(Date.UTC(2026, 0, generation + 1)),
  retiresAt,
});

export function describeSigningKeyStoreContract(name: string, open: () => Promise<SigningKeyStore>): void {
  describe(`SigningKeyStore contract: ${name}`, () => {
    it('keeps one key per generation, the first writer’s, listed oldest first', async () => {
      const store = await open();
      expect(await store.insert(key(2))).toBe(true);
      expect(await store.insert(key(1))).toBe(true);
      expect(await store.insert({ ...key(2), kid: 'second-writer' })).toBe(false);
      expect(await store.list()).toEqual([key(1), key(2)]);
    });

    it('retires older generations, only ever moving a retirement earlier', async () => {
      const store = await open();
      const early = new Date(Date.UTC(2026, 1, 1));
      const later = new Date(Date.UTC(2026, 2, 1));
      await store.insert(key(1, early));
      await store.insert(key(2));
      await store.insert(key(3));
      await store.retireBefore(3, later);
      expect((await store.list()).map((record) => record.retiresAt)).toEqual([early, later, null]);
    });
  });
}

export function describeBotStorageContract(name: string, open: () => Promise<Storage>): void {
  describe(`bot state Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });

    it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
      await storage.write({ 'msteams/conv-1': { count: 1, nested: { when: 'today' } } });
      const items = await storage.read(['msteams/conv-1', 'missing']);
      expect(items['msteams/conv-1']).toMatchObject({ count: 1, nested: { when: 'today' } });
      expect(typeof items['msteams/conv-1'].eTag).toBe('string');
      expect(items).not.toHaveProperty('missing');
    });

    it('refuses a write carrying a stale eTag and keeps the newer value', async () => {
      await storage.write({ 'conflict-key': { v: 1 } });
      const first = (await storage.read(['conflict-key']))['conflict-key'];
      await storage.write({ 'conflict-key': { ...first, v: 2 } });
      await expect(storage.write({ 'conflict-key': { ...first, v: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['conflict-key']))['conflict-key']).toMatchObject({ v: 2 });
    });

    it("overwrites regardless with eTag '*'", async () => {
      await storage.write({ 'star-key': { v: 1 } });
      await storage.write({ 'star-key': { v: 9, eTag: '*' } });
      expect((await storage.read(['star-key']))['star-key']).toMatchObject({ v: 9 });
    });

    it('deletes keys', async () => {
      await storage.write({ 'gone-key': { v: 1 } });
      await storage.delete(['gone-key']);
      expect(await storage.read(['gone-key'])).toEqual({});
    });
  });
}
