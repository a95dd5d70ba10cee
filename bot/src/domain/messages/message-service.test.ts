/**
 * Clinician messages' rules on in-memory stores: who may send, read and answer, addressing a role
 * through the roster, the escalation steps queued and what each does, acknowledgement once, replies,
 * the retention purge, and the audit lines (the patient by reference only).
 */
import { MemoryAuditLog } from '../../storage/memory/memory-audit-log';
import { MemoryMessageStore } from '../../storage/memory/memory-message-store';
import { MemoryRosterStore } from '../../storage/memory/memory-roster-store';
import { MemoryTables } from '../../storage/memory/memory-tables';
import type { Actor } from '../shared/actor';
import { MessageService, type SendRequest } from './message-service';
import type { MessagePatient } from './message-types';
import { OnCallRoster } from './on-call-roster';

const T0 = new Date('2026-12-07T08:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const KIM: Actor = { userId: 'aad-kim', tenantId: 'tenant-a', name: 'Dr Kim' };
const LEE: Actor = { userId: 'aad-lee', tenantId: 'tenant-a', name: 'Dr Lee' };
const CHEN: Actor = { userId: 'aad-chen', tenantId: 'tenant-a', name: 'Dr Chen' };
const NURSE: Actor = { userId: 'aad-nurse', tenantId: 'tenant-a', name: 'Nurse Pat' };
const OUTSIDER: Actor = { userId: 'aad-x', tenantId: 'tenant-a', name: 'Dr X' };
const person = (actor: Actor) => ({ aadObjectId: actor.userId, name: actor.name });
const TEAM = { teamId: 'team-1', channelId: 'ward-7' };
const PATIENT: MessagePatient = { ref: 'pat-1', source: 'ehr', name: 'Jane Doe', mrn: 'MRN1', location: 'Ward 7' };

async function setup() {
  let now = T0;
  let ids = 0;
  const tables = new MemoryTables(() => now);
  const store = new MemoryMessageStore(tables);
  const rosterStore = new MemoryRosterStore(tables);
  const audit = new MemoryAuditLog(tables);
  const service = new MessageService({
    store,
    roster: new OnCallRoster({ store: rosterStore, now: () => now }),
    membership: { isMember: async (actor, teamId) => teamId === 'team-1' && actor.userId !== OUTSIDER.userId },
    audit,
    settings: { escalation: { urgent: [5, 10, 15], stat: [2, 4, 6] }, retentionDays: 30 },
    now: () => now,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
  await rosterStore.add('tenant-a', { role: 'Cardiology on call', person: person(LEE), backup: person(CHEN), start: minutes(-60), end: minutes(600) }, person(KIM), minutes(-60));
  const send = (overrides: Partial<SendRequest> = {}, from: Actor = KIM) =>
    service.send(from, { to: { kind: 'person', person: person(LEE) }, priority: 'urgent', text: 'K+ 6.1, please review', patient: PATIENT, team: TEAM, idempotencyKey: null, ...overrides });
  return {
    service,
    store,
    audit,
    send,
    setNow: (at: Date) => {
      now = at;
    },
    jobs: () => tables.waitingJobs().map((job) => [job.dedupeKey, job.runAt.toISOString()]),
  };
}

describe('MessageService', () => {
  it('sends with its delivery and escalation steps at their minutes; a routine message never escalates', async () => {
    const { send, jobs } = await setup();
    const urgent = await send();
    expect(urgent).toMatchObject({ sender: { aadObjectId: KIM.userId, name: 'Dr Kim', email: null }, recipient: person(LEE), priority: 'urgent', text: 'K+ 6.1, please review', version: 1 });
    expect(jobs()).toEqual([
      [`message-deliver:${urgent.id}`, minutes(0).toISOString()],
      [`message-escalate:${urgent.id}:1`, minutes(5).toISOString()],
      [`message-escalate:${urgent.id}:2`, minutes(10).toISOString()],
      [`message-escalate:${urgent.id}:3`, minutes(15).toISOString()],
    ]);
    const routine = await send({ priority: 'routine', senderCardInPersonalChat: true });
    expect(jobs().filter(([key]) => key!.includes(routine.id)).map(([key]) => key)).toEqual([`message-deliver:${routine.id}`, `message-sender-card:${routine.id}`]);
  });

  it('refuses empty or overlong text, a message to oneself, and a care team one is not a member of', async () => {
    const { send } = await setup();
    await expect(send({ text: '   ' })).rejects.toMatchObject({ code: 'validation', field: 'text', userMessage: 'Write the message.' });
    await expect(send({ text: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 'validation', field: 'text', userMessage: 'Keep the message under 2000 characters.' });
    await expect(send({ to: { kind: 'person', person: { aadObjectId: 'AAD-KIM', name: 'Dr Kim' } } })).rejects.toMatchObject({ code: 'validation', field: 'to', userMessage: 'You cannot send a message to yourself.' });
    await expect(send({}, OUTSIDER)).rejects.toMatchObject({ code: 'forbidden', userMessage: "Only members of this patient's care team can message about them from here." });
  });

  it('addresses a role to whoever is on call with their backup, and says so when nobody is', async () => {
    const { send } = await setup();
    const message = await send({ to: { kind: 'role', role: 'cardiology' } });
    expect(message).toMatchObject({ recipient: person(LEE), role: 'Cardiology on call', backup: person(CHEN) });
    await expect(send({ to: { kind: 'role', role: 'Cardiology on call' } }, LEE)).rejects.toMatchObject({ code: 'validation', userMessage: 'You are the one on call as Cardiology on call right now.' });
    await expect(send({ to: { kind: 'role', role: 'Renal' } })).rejects.toMatchObject({
      code: 'not_found',
      field: 'to',
      userMessage: 'No one is on call as "Renal" right now, so nothing was sent. Message a person instead, or add a shift in the On-call tab.',
    });
  });

  it('sends once per idempotency key', async () => {
    const { send, jobs } = await setup();
    const first = await send({ idempotencyKey: 'click-1' });
    const again = await send({ idempotencyKey: 'click-1' });
    expect(again.id).toBe(first.id);
    expect(jobs().filter(([key]) => key!.startsWith('message-deliver'))).toHaveLength(1);
  });

  it('acknowledges once, after which no escalation step does anything', async () => {
    const { service, send, setNow } = await setup();
    const message = await send({ to: { kind: 'role', role: 'cardiology' } });
    setNow(minutes(3));
    expect(await service.acknowledge(LEE, message.id)).toMatchObject({ first: true, message: { acknowledgedBy: person(LEE), acknowledgedAt: minutes(3) } });
    setNow(minutes(4));
    expect(await service.acknowledge(CHEN, message.id)).toMatchObject({ first: false, message: { acknowledgedBy: person(LEE), acknowledgedAt: minutes(3) } });
    expect(await service.escalation(message.id, 1)).toEqual({ kind: 'nothing' });
    expect(await service.escalation(message.id, 2)).toEqual({ kind: 'nothing' });
  });

  it('escalates an unacknowledged message: the recipient again, then the backup, then the care team, noting each missing step', async () => {
    const { service, send, store } = await setup();
    const withBackup = await send({ to: { kind: 'role', role: 'cardiology' } });
    expect(await service.escalation(withBackup.id, 1)).toMatchObject({ kind: 'realert' });
    expect(await service.escalation(withBackup.id, 2)).toMatchObject({ kind: 'backup', backup: person(CHEN) });
    expect(await service.escalation(withBackup.id, 3)).toMatchObject({ kind: 'channel', team: TEAM });
    const noOne = await send({ team: null, patient: null });
    expect(await service.escalation(noOne.id, 2)).toEqual({ kind: 'nothing' });
    expect(await service.escalation(noOne.id, 3)).toEqual({ kind: 'nothing' });
    expect((await store.get(noOne.id))?.events.map((event) => [event.kind, event.detail])).toEqual([
      ['sent', null],
      ['no_backup', 'person'],
      ['no_channel', null],
    ]);
  });

  it('runs the next useful escalation step at once when the recipient cannot be reached', async () => {
    const { service, send, jobs, setNow } = await setup();
    const message = await send({ to: { kind: 'role', role: 'cardiology' } });
    setNow(minutes(1));
    await service.notDelivered(message.id, 'not-installed');
    expect(jobs().find(([key]) => key === `message-escalate:${message.id}:2`)).toEqual([`message-escalate:${message.id}:2`, minutes(1).toISOString()]);
    const stored = await service.byId(message.id);
    expect(stored).toMatchObject({ undeliverable: 'not-installed', version: 2 });
    await service.delivered(message.id);
    expect(await service.byId(message.id)).toMatchObject({ undeliverable: null, deliveredAt: minutes(1) });
  });

  it('lets the people of a message and its care team read it; only its people answer until it reached the channel', async () => {
    const { service, send } = await setup();
    const message = await send();
    expect((await service.view(NURSE, message.id)).id).toBe(message.id);
    await expect(service.view(OUTSIDER, message.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.acknowledge(NURSE, message.id)).rejects.toMatchObject({
      code: 'forbidden',
      userMessage: 'Only the people this message is between (and its care team once it was escalated to them) can do this.',
    });
    await service.escalated(message.id, 3);
    expect((await service.acknowledge(NURSE, message.id)).first).toBe(true);
    await expect(service.view({ ...LEE, tenantId: 'tenant-b' }, message.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('replies in the thread to the other side, which acknowledges the message', async () => {
    const { service, send, setNow } = await setup();
    const message = await send();
    setNow(minutes(2));
    const { reply, parent } = await service.reply(LEE, message.id, ' Seen, coming now ');
    expect(reply).toMatchObject({ threadId: message.id, inReplyTo: message.id, sender: person(LEE), recipient: message.sender, priority: 'routine', text: 'Seen, coming now', patient: PATIENT });
    expect(parent).toMatchObject({ acknowledgedBy: person(LEE), acknowledgedAt: minutes(2) });
    expect(parent.events.map((event) => event.kind)).toEqual(['sent', 'acknowledged', 'replied']);
    expect((await service.thread(KIM, reply.id)).map((item) => item.id)).toEqual([message.id, reply.id]);
  });

  it('shows a care team the messages about a patient, members only, and audits by patient reference', async () => {
    const { service, send, audit } = await setup();
    const message = await send();
    await expect(service.aboutPatient(OUTSIDER, TEAM, 'pat-1')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await service.aboutPatient(NURSE, TEAM, 'pat-1')).map((item) => item.id)).toEqual([message.id]);
    expect(audit.entries().map((entry) => [entry.action, entry.actor.userId, entry.patientRef, entry.detail])).toEqual([
      ['message.send', KIM.userId, 'pat-1', { messageId: message.id }],
      ['message.thread', NURSE.userId, 'pat-1', { count: 1 }],
    ]);
    expect(JSON.stringify(audit.entries())).not.toMatch(/Jane Doe|K\+ 6\.1/);
  });

  it('purges messages past the retention period and queues tomorrow’s purge once', async () => {
    const { service, send, setNow, jobs } = await setup();
    const old = await send();
    setNow(new Date(T0.getTime() + 20 * 86_400_000));
    const recent = await send();
    setNow(new Date(T0.getTime() + 31 * 86_400_000));
    expect(await service.purgeExpired()).toBe(1);
    expect(await service.byId(old.id)).toBeNull();
    expect(await service.byId(recent.id)).not.toBeNull();
    await service.schedulePurge(new Date(T0.getTime() + 32 * 86_400_000));
    expect(jobs().filter(([key]) => key!.startsWith('message-purge'))).toEqual([['message-purge:2027-01-08', new Date(T0.getTime() + 32 * 86_400_000).toISOString()]]);
  });
});
