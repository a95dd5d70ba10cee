/**
 * The clinician-message and on-call roster stores on both backends: a message and its jobs written
 * together, idempotent sends, events appended by concurrent changes, the acknowledged-once rule, card
 * records, the per-patient thread, moving an escalation step sooner and the retention purge; shifts
 * covering a moment by role key.
 */
import type { Database } from '../../bot/src/storage/database';
import type { NewMessage, Person } from '../../bot/src/domain/messages/message-types';
import { SqlMessageStore } from '../../bot/src/storage/sql-message-store';
import { SqlRosterStore } from '../../bot/src/storage/sql-roster-store';
import { storageBackends } from '../support/storage-backends';
import { SERVICE_START_TIMEOUT_MS } from '../support/rounds-under-test';

const KIM: Person = { aadObjectId: 'kim', name: 'Dr Kim' };
const LEE: Person = { aadObjectId: 'lee', name: 'Dr Lee', email: 'lee@hospital.example' };
const TEAM = { teamId: 'team-1', channelId: 'channel-1' };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

let counter = 0;
function newMessage(overrides: Partial<NewMessage> = {}): NewMessage {
  const id = `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
  return {
    id,
    threadId: id,
    inReplyTo: null,
    tenantId: 'tenant-a',
    sender: KIM,
    recipient: LEE,
    role: null,
    backup: null,
    priority: 'urgent',
    patient: { ref: 'pat-1', source: 'ehr', name: 'Jane Doe', mrn: 'MRN1', location: 'Ward 7' },
    text: 'K+ 6.1',
    team: TEAM,
    sentAt: at(0),
    ...overrides,
  };
}

describe.each(storageBackends)('message stores on $name', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let store: SqlMessageStore;

  // One database per backend (opening and migrating one per test would dominate the suite); each test starts empty.
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
    store = new SqlMessageStore(db);
  }, SERVICE_START_TIMEOUT_MS);

  beforeEach(async () => {
    await db.query('TRUNCATE clinician_messages, clinician_message_cards, on_call_shifts, jobs');
  });

  afterAll(async () => {
    await dispose();
  });

  const jobKeys = async () => (await db.query<{ dedupe_key: string }>('SELECT dedupe_key FROM jobs ORDER BY dedupe_key')).map((row) => row.dedupe_key);

  it('saves a message with its jobs; the same idempotency key returns the first message and adds no job', async () => {
    const first = await store.create(newMessage(), [{ job: { kind: 'message.deliver', messageId: 'x' }, runAt: at(0), dedupeKey: 'deliver-1' }], 'key-1');
    expect(first).toMatchObject({ recipient: LEE, team: TEAM, version: 1, deliveredAt: null, events: [{ kind: 'sent', by: KIM }] });
    const again = await store.create(newMessage(), [{ job: { kind: 'message.deliver', messageId: 'y' }, runAt: at(0), dedupeKey: 'deliver-2' }], 'key-1');
    expect(again.id).toBe(first.id);
    expect(await jobKeys()).toEqual(['deliver-1']);
  });

  it('appends events from concurrent changes, each bumping the version and queueing the card update', async () => {
    const message = await store.create(newMessage(), [], null);
    await Promise.all([
      store.change(message.id, { event: { kind: 'delivered', at: at(1), by: null, detail: null }, set: { deliveredAt: at(1) } }),
      store.change(message.id, { event: { kind: 'realerted', at: at(5), by: null, detail: null } }),
    ]);
    const stored = await store.get(message.id);
    expect(stored?.version).toBe(3);
    expect(stored?.deliveredAt).toEqual(at(1));
    expect(stored?.events.map((event) => event.kind).sort()).toEqual(['delivered', 'realerted', 'sent']);
    expect(await jobKeys()).toEqual([`message-cards:${message.id}:2`, `message-cards:${message.id}:3`]);
  });

  it('acknowledges once: a change meant for unacknowledged messages does nothing afterwards', async () => {
    const message = await store.create(newMessage(), [], null);
    const ack = { event: { kind: 'acknowledged' as const, at: at(2), by: LEE, detail: null }, set: { acknowledgedAt: at(2), acknowledgedBy: LEE }, when: 'unacknowledged' as const };
    expect(await store.change(message.id, ack)).toMatchObject({ acknowledgedBy: LEE, acknowledgedAt: at(2) });
    expect(await store.change(message.id, { ...ack, set: { acknowledgedAt: at(3), acknowledgedBy: KIM } })).toBeNull();
    expect(await store.change(message.id, { event: { kind: 'backup_alerted', at: at(10), by: null, detail: null }, when: 'unacknowledged' })).toBeNull();
    expect((await store.get(message.id))?.acknowledgedBy).toEqual(LEE);
  });

  it('keeps threads and patient threads per care team, oldest first', async () => {
    const root = await store.create(newMessage(), [], null);
    const reply = await store.create(newMessage({ threadId: root.id, inReplyTo: root.id, sender: LEE, recipient: KIM, sentAt: at(3) }), [], null);
    await store.create(newMessage({ team: { teamId: 'team-2', channelId: 'channel-9' } }), [], null);
    await store.create(newMessage({ patient: null }), [], null);
    expect((await store.thread(root.id)).map((message) => message.id)).toEqual([root.id, reply.id]);
    expect((await store.aboutPatient('tenant-a', TEAM, 'pat-1')).map((message) => message.id)).toEqual([root.id, reply.id]);
    expect(await store.aboutPatient('tenant-b', TEAM, 'pat-1')).toEqual([]);
  });

  it('runs a waiting job sooner, never later, and leaves finished jobs alone', async () => {
    await store.enqueue([
      { job: { kind: 'message.escalate', messageId: 'm', step: 2 }, runAt: at(10), dedupeKey: 'escalate-2' },
      { job: { kind: 'message.escalate', messageId: 'm', step: 3 }, runAt: at(15), dedupeKey: 'escalate-3' },
    ]);
    await db.query("UPDATE jobs SET done_at = now() WHERE dedupe_key = 'escalate-3'");
    await store.runSooner('escalate-2', at(1));
    await store.runSooner('escalate-2', at(5));
    await store.runSooner('escalate-3', at(1));
    const rows = await db.query<{ dedupe_key: string; run_at: Date | string }>('SELECT dedupe_key, run_at FROM jobs ORDER BY dedupe_key');
    expect(rows.map((row) => [row.dedupe_key, new Date(row.run_at).toISOString()])).toEqual([
      ['escalate-2', at(1).toISOString()],
      ['escalate-3', at(15).toISOString()],
    ]);
  });

  it('records cards once and purges messages (with their cards) sent before a time', async () => {
    const old = await store.create(newMessage({ sentAt: at(0) }), [], null);
    const recent = await store.create(newMessage({ sentAt: at(30) }), [], null);
    const card = { messageId: old.id, audience: 'recipient' as const, conversationId: 'a:lee', activityId: 'activity-1' };
    await store.addCard(card);
    await store.addCard(card);
    expect(await store.cards(old.id)).toEqual([card]);
    expect(await store.purge(at(15))).toBe(1);
    expect(await store.get(old.id)).toBeNull();
    expect(await store.cards(old.id)).toEqual([]);
    expect(await store.get(recent.id)).not.toBeNull();
  });

  it('finds the shifts covering a moment by role key, latest start first, and every role once', async () => {
    const roster = new SqlRosterStore(db);
    await roster.add('tenant-a', { role: 'Cardiology on call', person: LEE, backup: KIM, start: at(0), end: at(59) }, KIM, at(0));
    await roster.add('tenant-a', { role: 'cardiology', person: KIM, backup: null, start: at(20), end: at(40) }, KIM, at(1));
    await roster.add('tenant-b', { role: 'Cardiology on call', person: KIM, backup: null, start: at(0), end: at(59) }, KIM, at(0));
    expect((await roster.covering('tenant-a', 'cardiology', at(30))).map((shift) => shift.person.aadObjectId)).toEqual(['kim', 'lee']);
    expect((await roster.covering('tenant-a', 'cardiology', at(59))).length).toBe(0);
    expect(await roster.roles('tenant-a')).toEqual(['cardiology']);
    expect((await roster.shifts('tenant-a', at(41), at(50))).map((shift) => shift.role)).toEqual(['Cardiology on call']);
  });
});
