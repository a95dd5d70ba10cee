/** What every VisitStore does: idempotent creation, optimistic versions, a change written with its timeline and jobs, overlap and listing rules. */
import type { ScheduledJob } from '../../domain/shared/jobs';
import { clinicianKey } from '../../domain/visits/visit-types';
import { KIM, LEE, newVisit, type VisitStoresFixture } from './visit-fixtures';

const guests = [
  { name: 'Ana Okafor', relationship: 'daughter', language: null, phone: '+15550002222', email: null },
  { name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: null, email: 'luis@example.org' },
];
const cardJob = (visitId: string, version: number): ScheduledJob => ({ job: { kind: 'visit.card', visitId, version }, runAt: new Date('2031-03-10T09:00:00Z'), dedupeKey: `visit-card:${visitId}:${version}` });
const meeting = { provider: 'builtin' as const, meetingId: 'room-1', organizerId: null, clinicianJoinUrl: 'https://rounds.example/rooms/room-1' };

export function describeVisitStoreContract(name: string, open: () => Promise<VisitStoresFixture>): void {
  describe(`VisitStore contract: ${name}`, () => {
    let fixture: VisitStoresFixture;
    beforeEach(async () => {
      fixture = await open();
    });

    it('saves a new visit as pending, version 1, with its guests given ids of their own, and a created line on its timeline', async () => {
      const { visit, created } = await fixture.visits.create(newVisit({ guests, admitWhenClinicianJoins: true }), null);
      expect(created).toBe(true);
      expect(visit).toMatchObject({ ...newVisit(), status: 'pending', meeting: null, version: 1, scheduleVersion: 1, cancelledAt: null, endedAt: null, announceIn: null, admitWhenClinicianJoins: true });
      expect(visit.guests).toEqual(guests.map((guest) => ({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), ...guest })));
      expect(new Set(visit.guests.map((guest) => guest.id)).size).toBe(2);
      expect(await fixture.visits.get(visit.id)).toEqual(visit);
      expect((await fixture.lobby.timeline(visit.id)).map((event) => [event.kind, event.actor, event.detail])).toEqual([['created', 'creator-1', { durationMinutes: 30 }]]);
      const defaults = (await fixture.visits.create(newVisit(), null)).visit;
      expect(defaults).toMatchObject({ guests: [], admitWhenClinicianJoins: false });
    });

    it('keeps a visit’s type and the list entry it was booked from, and lists the visits of one entry', async () => {
      const entryId = '7d0c7a4e-8f3b-4c55-9a51-0a1b2c3d4e5f';
      const { visit } = await fixture.visits.create(newVisit({ visitType: 'family-call', listEntryId: entryId }), null);
      await fixture.visits.create(newVisit({ listEntryId: '0b5e1f7a-2c3d-4e5f-8a9b-1c2d3e4f5a6b' }), null);
      expect(visit).toMatchObject({ visitType: 'family-call', listEntryId: entryId });
      const day = { tenantId: 'tenant-v', from: new Date('2031-03-10T00:00:00Z'), to: new Date('2031-03-11T00:00:00Z') };
      expect((await fixture.visits.list({ ...day, listEntryId: entryId })).map((found) => found.id)).toEqual([visit.id]);
      expect(await fixture.visits.list({ ...day, listEntryId: 'not-an-entry-id' })).toEqual([]);
      expect(await fixture.visits.list(day)).toHaveLength(2);
    });

    it('answers a repeated idempotency key in the tenant with the first visit and saves nothing', async () => {
      const first = await fixture.visits.create(newVisit(), 'key-1');
      const again = await fixture.visits.create(newVisit({ reason: 'different' }), 'key-1');
      expect(again).toEqual({ visit: first.visit, created: false });
      expect((await fixture.lobby.timeline(first.visit.id)).length).toBe(1);
      expect((await fixture.visits.create(newVisit({ tenantId: 'tenant-other' }), 'key-1')).created).toBe(true);
      expect((await fixture.visits.create(newVisit(), null)).created).toBe(true);
      expect((await fixture.visits.create(newVisit(), null)).created).toBe(true);
      expect((await fixture.visits.byIdempotencyKey('tenant-v', 'key-1'))?.id).toBe(first.visit.id);
      expect(await fixture.visits.byIdempotencyKey('tenant-v', 'key-unknown')).toBeNull();
    });

    it('applies a change at the expected version only, bumping it and enqueueing its jobs once', async () => {
      const { visit } = await fixture.visits.create(newVisit({ guests }), null);
      const scheduled = await fixture.visits.update(visit.id, 1, { status: 'scheduled', meeting }, [cardJob(visit.id, 2)]);
      expect(scheduled).toMatchObject({ status: 'scheduled', meeting, version: 2, guests: visit.guests });
      await expect(fixture.visits.update(visit.id, 1, { status: 'waiting' }, [cardJob(visit.id, 3)])).rejects.toMatchObject({ code: 'conflict' });
      await fixture.visits.update(visit.id, 2, { admitWhenClinicianJoins: true, meeting: null }, [cardJob(visit.id, 2)]);
      expect(await fixture.visits.get(visit.id)).toMatchObject({ status: 'scheduled', meeting: null, admitWhenClinicianJoins: true, version: 3 });
      expect((await fixture.jobs.waiting()).map((job) => job.dedupeKey)).toEqual([`visit-card:${visit.id}:2`]);
      await expect(fixture.visits.update('00000000-0000-4000-8000-00000000dead', 1, { status: 'waiting' }, [])).rejects.toMatchObject({ code: 'conflict' });
    });

    it('writes cancelled, rescheduled and ended lines on the timeline with the change, and none for a plain status change', async () => {
      const { visit } = await fixture.visits.create(newVisit(), null);
      const start = new Date('2031-03-11T09:30:00Z');
      let current = await fixture.visits.update(visit.id, 1, { start, scheduleVersion: 2 }, []);
      current = await fixture.visits.update(visit.id, current.version, { status: 'waiting' }, []);
      current = await fixture.visits.update(visit.id, current.version, { status: 'completed', endedAt: start }, [], { kind: 'ended', actor: 'lee', detail: { minutes: 23, reason: 'clinician' } });
      await fixture.visits.update(visit.id, current.version, { status: 'cancelled', cancelledAt: start }, []);
      expect((await fixture.lobby.timeline(visit.id)).map((event) => [event.kind, event.actor, event.detail])).toEqual([
        ['created', 'creator-1', { durationMinutes: 30 }],
        ['rescheduled', 'system', { start: start.toISOString(), durationMinutes: 30 }],
        ['ended', 'lee', { minutes: 23, reason: 'clinician' }],
        ['cancelled', 'system', {}],
      ]);
      expect(await fixture.visits.get(visit.id)).toMatchObject({ start, scheduleVersion: 2, status: 'cancelled', cancelledAt: start, endedAt: start });
    });

    it('finds the live visits of the same clinicians that overlap a time, however their keys are spelled', async () => {
      const ten = newVisit({ clinicians: [LEE, KIM] });
      const a = (await fixture.visits.create(ten, null)).visit;
      const b = (await fixture.visits.create(newVisit({ clinicians: [KIM], start: new Date('2031-03-10T10:20:00Z') }), null)).visit;
      const closed = (await fixture.visits.create(newVisit({ start: new Date('2031-03-10T10:05:00Z') }), null)).visit;
      await fixture.visits.update(closed.id, 1, { status: 'cancelled' }, []);
      await fixture.visits.create(newVisit({ tenantId: 'tenant-other' }), null);

      const kimByName = clinicianKey({ aadObjectId: null, name: 'dr kim', email: 'KIM@hospital.example' });
      const overlapping = (from: string, to: string, exclude: string | null = null) =>
        fixture.visits.overlapping('tenant-v', [kimByName, clinicianKey({ aadObjectId: 'aad-lee', name: '', email: null })], new Date(from), new Date(to), exclude);
      expect((await overlapping('2031-03-10T10:10:00Z', '2031-03-10T10:25:00Z')).map((visit) => visit.id)).toEqual([a.id, b.id]);
      expect((await overlapping('2031-03-10T10:10:00Z', '2031-03-10T10:25:00Z', a.id)).map((visit) => visit.id)).toEqual([b.id]);
      // Touching is not overlapping: ending at the first visit’s start, or starting at the last one’s end.
      expect(await overlapping('2031-03-10T09:30:00Z', '2031-03-10T10:00:00Z')).toEqual([]);
      expect(await overlapping('2031-03-10T10:50:00Z', '2031-03-10T11:00:00Z')).toEqual([]);
      expect(await fixture.visits.overlapping('tenant-v', ['aad:someone-else'], new Date('2031-03-10T10:00:00Z'), new Date('2031-03-10T11:00:00Z'), null)).toEqual([]);
    });

    it('lists a period’s visits by start, by channel or by person (clinician or creator), cancelled ones only when asked', async () => {
      const at = (time: string) => new Date(`2031-03-10T${time}:00Z`);
      const late = (await fixture.visits.create(newVisit({ start: at('15:00') }), null)).visit;
      const early = (await fixture.visits.create(newVisit({ start: at('09:00'), clinicians: [KIM], createdBy: { id: 'aad-lee', name: 'Dr Lee' } }), null)).visit;
      const elsewhere = (await fixture.visits.create(newVisit({ start: at('11:00'), clinicians: [KIM], origin: { conversationId: null, teamId: 'team-2', channelId: 'chan-2' } }), null)).visit;
      const cancelled = (await fixture.visits.create(newVisit({ start: at('12:00') }), null)).visit;
      await fixture.visits.update(cancelled.id, 1, { status: 'cancelled' }, []);
      await fixture.visits.create(newVisit({ start: new Date('2031-03-11T09:00:00Z') }), null);

      const list = async (filter: object) => (await fixture.visits.list({ tenantId: 'tenant-v', from: at('00:00'), to: new Date('2031-03-11T00:00:00Z'), ...filter })).map((visit) => visit.id);
      expect(await list({})).toEqual([early.id, elsewhere.id, late.id]);
      expect(await list({ includeCancelled: true })).toEqual([early.id, elsewhere.id, cancelled.id, late.id]);
      expect(await list({ channel: { teamId: 'team-1', channelId: '19:chan-1' } })).toEqual([early.id, late.id]);
      expect(await list({ personId: 'AAD-LEE' })).toEqual([late.id]);
      expect(await list({ personId: 'aad-lee' })).toEqual([early.id, late.id]);
      expect(await fixture.visits.list({ tenantId: 'tenant-other', from: at('00:00'), to: at('23:00') })).toEqual([]);
    });

    it('keeps one card per conversation, moved when posted again', async () => {
      const { visit } = await fixture.visits.create(newVisit(), null);
      await fixture.visits.saveCard({ visitId: visit.id, conversationId: '19:chan-1', activityId: 'act-1' });
      await fixture.visits.saveCard({ visitId: visit.id, conversationId: 'a:lee', activityId: 'act-2' });
      await fixture.visits.saveCard({ visitId: visit.id, conversationId: '19:chan-1', activityId: 'act-3' });
      // Cards posted in the same instant (the clock's resolution) have no order: compared by conversation.
      expect((await fixture.visits.cards(visit.id)).sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1))).toEqual([
        { visitId: visit.id, conversationId: '19:chan-1', activityId: 'act-3' },
        { visitId: visit.id, conversationId: 'a:lee', activityId: 'act-2' },
      ]);
    });

    it('enqueues jobs on their own, once per dedupe key', async () => {
      const { visit } = await fixture.visits.create(newVisit(), null);
      await fixture.visits.enqueue([cardJob(visit.id, 1), cardJob(visit.id, 1)]);
      await fixture.visits.enqueue([cardJob(visit.id, 1)]);
      expect(await fixture.jobs.waiting()).toEqual([{ kind: 'visit.card', dedupeKey: `visit-card:${visit.id}:1`, runAt: new Date('2031-03-10T09:00:00Z') }]);
    });

    it('reads a malformed or unknown id as no visit', async () => {
      expect(await fixture.visits.get('not-a-uuid')).toBeNull();
      expect(await fixture.visits.get('00000000-0000-4000-8000-00000000beef')).toBeNull();
    });
  });
}
