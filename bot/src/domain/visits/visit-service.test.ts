/**
 * Virtual visits' rules on in-memory stores and a recording meeting provider: who may schedule, see
 * and change a visit, the request checks and their messages, overlaps, idempotent retries, and the
 * jobs and audit lines each change leaves.
 */
import { MemoryAuditLog } from '../../storage/memory/memory-audit-log';
import { MemoryLobbyStore } from '../../storage/memory/memory-lobby-store';
import { MemoryTables } from '../../storage/memory/memory-tables';
import { MemoryVisitStore } from '../../storage/memory/memory-visit-store';
import { AppError } from '../shared/app-error';
import type { Actor } from '../shared/actor';
import { VisitService, type Principal } from './visit-service';
import type { MeetingProvider, NewVisit, Visit, VisitMeeting } from './visit-types';

const NOW = new Date('2026-12-07T08:00:00Z');
const inHours = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const LEE: Actor = { userId: 'aad-lee', tenantId: 'tenant-a', name: 'Dr Lee' };
const TEAMMATE: Actor = { userId: 'aad-pat', tenantId: 'tenant-a', name: 'Nurse Pat' };
const STRANGER: Actor = { userId: 'aad-x', tenantId: 'tenant-a', name: 'Dr X' };
const asUser = (actor: Actor): Principal => ({ kind: 'user', actor });
const INTEGRATION: Principal = { kind: 'integration', tenantId: 'tenant-a' };

/** Records what a meeting provider was asked to do; can be made to fail like a refusing Graph. */
class RecordingMeetings implements MeetingProvider {
  readonly kind = 'builtin' as const;
  readonly calls: string[] = [];
  failing = false;
  async create(visit: Visit): Promise<VisitMeeting> {
    this.calls.push(`create:${visit.id}`);
    if (this.failing) throw new AppError('unavailable', 'Teams meetings cannot be created for this organisation yet.');
    return { provider: 'builtin', meetingId: `room-${visit.id}`, organizerId: null, clinicianJoinUrl: `https://rounds.example/rooms/room-${visit.id}` };
  }
  async reschedule(visit: Visit): Promise<void> {
    this.calls.push(`reschedule:${visit.id}:${visit.start.toISOString()}`);
  }
  async cancel(visit: Visit): Promise<void> {
    this.calls.push(`cancel:${visit.id}`);
  }
  async end(visit: Visit): Promise<void> {
    this.calls.push(`end:${visit.id}`);
  }
}

function request(overrides: Partial<NewVisit> = {}): NewVisit {
  return {
    tenantId: 'tenant-a',
    patient: { fhirId: 'pat-1', name: 'Jane Doe', givenName: 'Jane', mrn: 'MRN1', birthDate: '1960-01-01' },
    start: inHours(30),
    durationMinutes: 30,
    clinicians: [{ aadObjectId: 'aad-lee', name: 'Dr Lee', email: null }],
    reason: null,
    contact: { phone: '+15550001111', email: null },
    notify: ['sms'],
    origin: { conversationId: '19:ward', teamId: 'team-1', channelId: '19:ward' },
    timeZone: 'UTC',
    createdBy: { id: 'aad-lee', name: 'Dr Lee' },
    ...overrides,
  };
}

function setup() {
  const tables = new MemoryTables(() => NOW);
  const store = new MemoryVisitStore(tables);
  const audit = new MemoryAuditLog(tables);
  const meetings = new RecordingMeetings();
  const service = new VisitService({
    store,
    meetings,
    tokens: {
      issue: (visitId, version, guestId) => `${visitId}.${version}${guestId ? `.${guestId}` : ''}`,
      verify: () => null,
      codeFor: () => '123456',
      ticketFor: (token) => `ticket:${token}`,
      isTicketFor: (token, ticket) => ticket === `ticket:${token}`,
    },
    audit,
    membership: { isMember: async (actor, teamId) => teamId === 'team-1' && actor.userId !== 'aad-x' },
    settings: { reminderOffsetsMinutes: [1440, 15], publicUrl: 'https://rounds.example' },
    now: () => NOW,
  });
  const waitingKeys = async () => tables.waitingJobs().map((job) => job.dedupeKey);
  return { service, store, audit, meetings, waitingKeys, lobby: new MemoryLobbyStore(tables) };
}

describe('VisitService', () => {
  it('schedules a visit with its meeting, tells the patient, queues the reminders still ahead and the card post, and audits it by patient id', async () => {
    const { service, meetings, waitingKeys, audit } = setup();
    const visit = await service.schedule(asUser(LEE), request({ announceIn: '19:coordination' }), null);
    expect(visit).toMatchObject({ status: 'scheduled', version: 2, meeting: { meetingId: `room-${visit.id}` } });
    expect(meetings.calls).toEqual([`create:${visit.id}`]);
    // The visit is 30 hours ahead: both the day-before and the 15-minute reminder are still to come.
    expect(await waitingKeys()).toEqual([`invite:${visit.id}:1`, `post-card:${visit.id}:19:coordination`, `reminder:${visit.id}:1:1440`, `reminder:${visit.id}:1:15`].sort());
    expect(audit.entries().map((entry) => [entry.action, entry.patientRef, entry.detail])).toEqual([['visit.create', 'pat-1', { visitId: visit.id }]]);
    expect(service.patientJoinUrl(visit)).toBe(`https://rounds.example/lobby/${visit.id}.1`);
  });

  it('queues only the reminders still ahead, and no patient message for a visit that tells nobody', async () => {
    const { service, waitingKeys } = setup();
    const soon = await service.schedule(asUser(LEE), request({ start: inHours(2) }), null);
    expect(await waitingKeys()).toEqual([`invite:${soon.id}:1`, `reminder:${soon.id}:1:15`]);
    const silent = await service.schedule(asUser(LEE), request({ start: inHours(5), notify: [], contact: { phone: null, email: null } }), null);
    expect((await waitingKeys()).filter((key) => key.includes(silent.id))).toEqual([]);
  });

  it('refuses a request that breaks a rule, naming the field, and saves nothing', async () => {
    const { service, store } = setup();
    const refusals: [Partial<NewVisit>, string, string][] = [
      [{ start: inHours(-1) }, 'start', 'The visit time is in the past. Choose a time from now on.'],
      [{ durationMinutes: 3 }, 'durationMinutes', 'The duration must be between 5 and 480 minutes.'],
      [{ contact: { phone: null, email: null } }, 'patientContact.phone', "Add the patient's mobile number to tell them by SMS, or untick SMS."],
      [{ notify: ['email'] }, 'patientContact.email', "Add the patient's email address to tell them by email, or untick email."],
      [{ patient: { fhirId: null, name: '  ', givenName: null, mrn: null, birthDate: null } }, 'patient', 'Choose the patient for this visit.'],
    ];
    for (const [change, field, userMessage] of refusals) {
      await expect(service.schedule(asUser(LEE), request(change), null)).rejects.toMatchObject({ code: 'validation', field, userMessage });
    }
    expect(await store.list({ tenantId: 'tenant-a', from: inHours(-48), to: inHours(480), includeCancelled: true })).toEqual([]);
  });

  it('refuses a visit overlapping another of the same clinician, by name, until that one is cancelled', async () => {
    const { service } = setup();
    const first = await service.schedule(asUser(LEE), request(), null);
    const clash = request({ start: new Date(first.start.getTime() + 15 * 60_000), clinicians: [{ aadObjectId: 'AAD-LEE', name: 'Dr Lee', email: null }] });
    await expect(service.schedule(asUser(LEE), clash, null)).rejects.toMatchObject({ code: 'conflict', field: 'start', userMessage: 'Dr Lee already has a visit at that time. Choose another time.' });
    await service.cancel(asUser(LEE), first.id);
    expect((await service.schedule(asUser(LEE), clash, null)).status).toBe('scheduled');
  });

  it('answers a replayed idempotency key with the first visit and meeting, not with its own overlap', async () => {
    const { service, meetings, audit } = setup();
    const first = await service.schedule(INTEGRATION, request(), 'booking-42');
    const again = await service.schedule(INTEGRATION, request(), 'booking-42');
    expect(again).toEqual(first);
    expect(meetings.calls).toEqual([`create:${first.id}`]);
    expect(audit.entries().map((entry) => [entry.action, entry.actor.userId])).toEqual([['visit.create', 'integration-api']]);
  });

  it('answers the same key sent twice at once with the one visit, when the other request created it after this one looked', async () => {
    const { service, store } = setup();
    const first = await service.schedule(INTEGRATION, request(), 'booking-43');
    // This request looked for its key before the other one's visit was there.
    const lookup = store.byIdempotencyKey.bind(store);
    let missed = false;
    store.byIdempotencyKey = async (tenantId, key) => (missed ? lookup(tenantId, key) : ((missed = true), null));

    const again = await service.schedule(INTEGRATION, request(), 'booking-43');

    expect(again.id).toBe(first.id);
    expect(await store.list({ tenantId: 'tenant-a', from: inHours(-48), to: inHours(480), includeCancelled: true })).toHaveLength(1);
  });

  it('keeps a visit pending when the meeting cannot be made, and finishes it on retry', async () => {
    const { service, meetings, store, waitingKeys } = setup();
    meetings.failing = true;
    await expect(service.schedule(asUser(LEE), request(), 'key-1')).rejects.toMatchObject({ code: 'unavailable' });
    const pending = await store.byIdempotencyKey('tenant-a', 'key-1');
    expect(pending).toMatchObject({ status: 'pending', meeting: null });
    expect(await waitingKeys()).toEqual([]);
    meetings.failing = false;
    const done = await service.retryMeeting(asUser(LEE), pending!.id);
    expect(done).toMatchObject({ status: 'scheduled', meeting: { meetingId: `room-${pending!.id}` } });
    expect(await waitingKeys()).toContain(`invite:${pending!.id}:1`);
  });

  it('lets the visit’s clinicians, its creator and its team see a visit; others in the tenant are refused, other tenants told it does not exist', async () => {
    const { service } = setup();
    const visit = await service.schedule(asUser(LEE), request(), null);
    expect((await service.get(asUser(TEAMMATE), visit.id)).id).toBe(visit.id);
    await expect(service.get(asUser(STRANGER), visit.id)).rejects.toMatchObject({ code: 'forbidden', userMessage: "Only the visit's clinicians and its care team can see or change this visit." });
    await expect(service.get({ kind: 'integration', tenantId: 'tenant-b' }, visit.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.schedule({ kind: 'integration', tenantId: 'tenant-b' }, request(), null)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.list(asUser(STRANGER), { from: NOW, to: inHours(48), channel: { teamId: 'team-1', channelId: '19:ward' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.get(asUser(LEE), 'not-a-visit')).rejects.toMatchObject({ code: 'not_found', userMessage: 'There is no such visit.' });
  });

  it('reschedules: moves the meeting, revokes the old links, tells the patient and queues new reminders and a card update', async () => {
    const { service, meetings, waitingKeys, lobby } = setup();
    const visit = await service.schedule(asUser(LEE), request(), null);
    const unchanged = await service.reschedule(asUser(LEE), visit.id, { start: visit.start });
    expect(unchanged.version).toBe(visit.version);
    const moved = await service.reschedule(asUser(LEE), visit.id, { start: inHours(50) });
    expect(moved).toMatchObject({ start: inHours(50), scheduleVersion: 2, version: visit.version + 1 });
    expect(meetings.calls).toEqual([`create:${visit.id}`, `reschedule:${visit.id}:${inHours(50).toISOString()}`]);
    expect((await waitingKeys()).filter((key) => key.includes(':2') || key.startsWith('card:'))).toEqual(
      [`card:${visit.id}:3`, `reminder:${visit.id}:2:1440`, `reminder:${visit.id}:2:15`, `reschedule:${visit.id}:2`].sort(),
    );
    expect((await lobby.timeline(visit.id)).map((event) => event.kind)).toEqual(['created', 'rescheduled']);
    expect(service.patientJoinUrl(moved)).not.toBe(service.patientJoinUrl(visit));
    await expect(service.reschedule(asUser(LEE), visit.id, { durationMinutes: 600 })).rejects.toMatchObject({ code: 'validation', field: 'durationMinutes' });
  });

  it('cancels once, removing the meeting and telling the patient; a cancelled visit can no longer be changed', async () => {
    const { service, meetings, waitingKeys, audit } = setup();
    const visit = await service.schedule(asUser(LEE), request(), null);
    const cancelled = await service.cancel(asUser(TEAMMATE), visit.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: NOW, scheduleVersion: 2 });
    expect(await service.cancel(asUser(LEE), visit.id)).toEqual(cancelled);
    expect(meetings.calls).toEqual([`create:${visit.id}`, `cancel:${visit.id}`]);
    expect(await waitingKeys()).toContain(`cancel:${visit.id}:2`);
    await expect(service.reschedule(asUser(LEE), visit.id, { start: inHours(60) })).rejects.toMatchObject({ code: 'conflict', userMessage: 'This visit was cancelled.' });
    await expect(service.resendInvite(asUser(LEE), visit.id)).rejects.toMatchObject({ code: 'conflict' });
    expect(audit.entries().map((entry) => [entry.action, entry.actor.userId])).toEqual([
      ['visit.create', 'aad-lee'],
      ['visit.cancel', 'aad-pat'],
    ]);
  });

  it('resends the invitation only to a patient it can reach, and switches "let them in when I’m ready" with a card update', async () => {
    const { service, waitingKeys } = setup();
    const silent = await service.schedule(asUser(LEE), request({ notify: [], contact: { phone: null, email: null } }), null);
    await expect(service.resendInvite(asUser(LEE), silent.id)).rejects.toMatchObject({
      code: 'validation',
      userMessage: 'This visit has no way to reach the patient: add a mobile number or email first.',
    });
    const visit = await service.schedule(asUser(LEE), request({ start: inHours(40) }), null);
    await service.resendInvite(asUser(LEE), visit.id);
    expect(await waitingKeys()).toContain(`resend:${visit.id}:${NOW.getTime()}`);
    const on = await service.setAdmitWhenClinicianJoins(asUser(LEE), visit.id, true);
    expect(on.admitWhenClinicianJoins).toBe(true);
    expect(await service.setAdmitWhenClinicianJoins(asUser(LEE), visit.id, true)).toEqual(on);
    expect(await waitingKeys()).toContain(`card:${visit.id}:3`);
  });
});
