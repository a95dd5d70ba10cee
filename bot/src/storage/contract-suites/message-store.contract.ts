/**
 * What every MessageStore does: a message and its jobs written together, idempotent sends, events
 * appended by concurrent changes, the acknowledged-once rule, card records, the per-patient thread,
 * moving an escalation step sooner and the retention purge.
 */
import type { MessageStore, NewMessage, Person } from '../../domain/messages/message-types';
import type { JobsProbe } from './jobs-probe';

export interface MessageStoreFixture {
  store: MessageStore;
  jobs: JobsProbe;
}

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

export function describeMessageStoreContract(name: string, open: () => Promise<MessageStoreFixture>): void {
  describe(`MessageStore contract: ${name}`, () => {
    let store: MessageStore;
    let jobs: JobsProbe;
    beforeEach(async () => {
      ({ store, jobs } = await open());
    });
    const jobKeys = async () => (await jobs.waiting()).map((job) => job.dedupeKey);

    it('saves a message with its jobs; the same idempotency key returns the first message and adds no job', async () => {
      const first = await store.create(newMessage({ role: 'Cardiology on call' }), [{ job: { kind: 'message.deliver', messageId: 'x' }, runAt: at(0), dedupeKey: 'deliver-1' }], 'key-1');
      expect(first).toMatchObject({ recipient: LEE, team: TEAM, version: 1, deliveredAt: null, acknowledgedAt: null, undeliverable: null, events: [{ kind: 'sent', at: at(0), by: KIM, detail: 'Cardiology on call' }] });
      const again = await store.create(newMessage(), [{ job: { kind: 'message.deliver', messageId: 'y' }, runAt: at(0), dedupeKey: 'deliver-2' }], 'key-1');
      expect(again.id).toBe(first.id);
      expect(await jobKeys()).toEqual(['deliver-1']);
      expect(await store.get(first.id)).toEqual(first);
    });

    it('keeps a message without a care team or patient as such', async () => {
      const message = await store.create(newMessage({ team: null, patient: null }), [], null);
      expect(await store.get(message.id)).toMatchObject({ team: null, patient: null });
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

    it('records why a message could not be delivered, and clears it once delivered', async () => {
      const message = await store.create(newMessage(), [], null);
      await store.change(message.id, { event: { kind: 'not_delivered', at: at(1), by: null, detail: 'not-installed' }, set: { undeliverable: 'not-installed' } });
      expect((await store.get(message.id))?.undeliverable).toBe('not-installed');
      const delivered = await store.change(message.id, { event: { kind: 'delivered', at: at(2), by: null, detail: null }, set: { deliveredAt: at(2), undeliverable: null } });
      expect(delivered).toMatchObject({ undeliverable: null, deliveredAt: at(2) });
    });

    it('acknowledges once: a change meant for unacknowledged messages does nothing afterwards', async () => {
      const message = await store.create(newMessage(), [], null);
      const ack = { event: { kind: 'acknowledged' as const, at: at(2), by: LEE, detail: null }, set: { acknowledgedAt: at(2), acknowledgedBy: LEE }, when: 'unacknowledged' as const };
      expect(await store.change(message.id, ack)).toMatchObject({ acknowledgedBy: LEE, acknowledgedAt: at(2) });
      expect(await store.change(message.id, { ...ack, set: { acknowledgedAt: at(3), acknowledgedBy: KIM } })).toBeNull();
      expect(
        await store.change(message.id, {
          event: { kind: 'backup_alerted', at: at(10), by: null, detail: null },
          when: 'unacknowledged',
          jobs: [{ job: { kind: 'message.escalate', messageId: message.id, step: 3 }, runAt: at(15), dedupeKey: 'escalate-3' }],
        }),
      ).toBeNull();
      expect((await store.get(message.id))?.acknowledgedBy).toEqual(LEE);
      // The refused change queued nothing: neither its own job nor a card update.
      expect(await jobKeys()).toEqual([`message-cards:${message.id}:2`]);
    });

    it('answers a change of a message that is gone with null', async () => {
      expect(await store.change('00000000-0000-4000-8000-00000000dead', { event: { kind: 'delivered', at: at(1), by: null, detail: null } })).toBeNull();
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
        { job: { kind: 'message.escalate', messageId: 'm', step: 1 }, runAt: at(5), dedupeKey: 'escalate-1' },
      ]);
      await jobs.finish('escalate-3');
      await store.runSooner('escalate-2', at(1));
      await store.runSooner('escalate-2', at(5));
      await store.runSooner('escalate-3', at(1));
      await store.runSooner('escalate-unknown', at(1));
      expect((await jobs.waiting()).map((job) => [job.dedupeKey, job.runAt.toISOString()])).toEqual([
        ['escalate-1', at(5).toISOString()],
        ['escalate-2', at(1).toISOString()],
      ]);
    });

    it('records cards once, by audience, and purges messages (with their cards) sent before a time', async () => {
      const old = await store.create(newMessage({ sentAt: at(0) }), [], null);
      const recent = await store.create(newMessage({ sentAt: at(30) }), [], null);
      const card = { messageId: old.id, audience: 'sender' as const, conversationId: 'a:kim', activityId: 'activity-1' };
      const recipientCard = { messageId: old.id, audience: 'recipient' as const, conversationId: 'a:lee', activityId: 'activity-2' };
      await store.addCard(card);
      await store.addCard(recipientCard);
      await store.addCard(card);
      expect(await store.cards(old.id)).toEqual([recipientCard, card]);
      expect(await store.purge(at(15))).toBe(1);
      expect(await store.get(old.id)).toBeNull();
      expect(await store.cards(old.id)).toEqual([]);
      expect(await store.get(recent.id)).not.toBeNull();
    });
  });
}
