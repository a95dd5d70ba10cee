/** What every LobbyStore does: a session per participant and schedule, changed atomically with its timeline line; feedback once per participant. */
import { newVisit, type VisitStoresFixture } from './visit-fixtures';

const at = (minute: number) => new Date(Date.UTC(2031, 2, 10, 9, minute));
const deviceCheck = { camera: 'ok' as const, microphone: 'ok' as const, speaker: 'skipped' as const, browser: 'ok' as const, connection: 'failed' as const, rttMs: 120, userAgent: 'Phone', at: at(50) };

export function describeLobbyStoreContract(name: string, open: () => Promise<VisitStoresFixture>): void {
  describe(`LobbyStore contract: ${name}`, () => {
    let fixture: VisitStoresFixture;
    let visitId: string;
    let guest: string;
    beforeEach(async () => {
      fixture = await open();
      const { visit } = await fixture.visits.create(newVisit({ guests: [{ name: 'Ana Okafor', relationship: 'daughter', language: null, phone: null, email: null }] }), null);
      visitId = visit.id;
      guest = `guest:${visit.guests[0]!.id}`;
    });
    const kinds = async () => (await fixture.lobby.timeline(visitId)).map((event) => [event.kind, event.actor]);

    it('reads a session nobody has started as empty, and lists none', async () => {
      expect(await fixture.lobby.session(visitId, 1)).toEqual({
        visitId,
        scheduleVersion: 1,
        participant: 'patient',
        identifiedAt: null,
        deviceCheck: null,
        checkedInAt: null,
        clinicianNotifiedAt: null,
        admittedAt: null,
        admittedBy: null,
        messages: [],
      });
      expect(await fixture.lobby.sessions(visitId, 1)).toEqual([]);
    });

    it('keeps every field a change sets, and records its timeline line with it', async () => {
      const messages = [{ text: 'running 5 minutes late', at: at(51), from: 'Margaret O.', participant: 'patient' }];
      const changed = await fixture.lobby.change(visitId, 1, () => ({ identifiedAt: at(49), deviceCheck, checkedInAt: at(52), messages }), { kind: 'checked_in', actor: 'patient', detail: { devices: 'ok' } });
      expect(changed.changed).toBe(true);
      await fixture.lobby.change(visitId, 1, (session) => ({ admittedAt: at(55), admittedBy: { id: 'lee', name: 'Dr Lee' }, messages: [...session.messages, { text: 'Coming', at: at(54), from: 'Dr Lee', participant: null }] }), {
        kind: 'admitted',
        actor: 'lee',
        detail: {},
      });
      const session = await fixture.lobby.session(visitId, 1);
      expect(session).toMatchObject({ identifiedAt: at(49), deviceCheck, checkedInAt: at(52), admittedAt: at(55), admittedBy: { id: 'lee', name: 'Dr Lee' }, clinicianNotifiedAt: null });
      expect(session.messages).toEqual([...messages, { text: 'Coming', at: at(54), from: 'Dr Lee', participant: null }]);
      expect(await kinds()).toEqual([
        ['created', 'creator-1'],
        ['checked_in', 'patient'],
        ['admitted', 'lee'],
      ]);
      const [, checkedIn] = await fixture.lobby.timeline(visitId);
      expect(checkedIn).toMatchObject({ visitId, detail: { devices: 'ok' } });
      expect(checkedIn?.at).toBeInstanceOf(Date);
    });

    it('leaves a session as it is when the change declines, recording only the refusals worth a line', async () => {
      await fixture.lobby.change(visitId, 1, () => ({ admittedAt: at(55) }), null);
      const refused = await fixture.lobby.change(visitId, 1, (session) => (session.admittedAt ? null : { admittedAt: at(58) }), { kind: 'admitted', actor: 'kim', detail: {} });
      expect(refused).toEqual({ session: await fixture.lobby.session(visitId, 1), changed: false });
      expect(refused.session.admittedAt).toEqual(at(55));
      await fixture.lobby.change(visitId, 1, () => null, { kind: 'identity_failed', actor: 'patient', detail: {} });
      await fixture.lobby.change(visitId, 1, () => null, { kind: 'link_opened', actor: 'patient', detail: {} });
      await fixture.lobby.change(visitId, 1, () => null, { kind: 'no_show', actor: 'lee', detail: {} });
      expect(await kinds()).toEqual([
        ['created', 'creator-1'],
        ['identity_failed', 'patient'],
        ['link_opened', 'patient'],
        ['no_show', 'lee'],
      ]);
    });

    it('starts a session even when the first change declines, so the participant is listed', async () => {
      await fixture.lobby.change(visitId, 1, () => null, { kind: 'link_opened', actor: guest, detail: {} }, guest);
      expect((await fixture.lobby.sessions(visitId, 1)).map((session) => session.participant)).toEqual([guest]);
    });

    it('gives each participant and each schedule version a session of their own, the patient listed first', async () => {
      await fixture.lobby.change(visitId, 1, () => ({ checkedInAt: at(50) }), { kind: 'checked_in', actor: guest, detail: {} }, guest);
      await fixture.lobby.change(visitId, 1, () => ({ identifiedAt: at(51) }), { kind: 'identified', actor: 'patient', detail: {} });
      await fixture.lobby.change(visitId, 2, () => ({ checkedInAt: at(52) }), null);
      expect((await fixture.lobby.session(visitId, 1, guest)).checkedInAt).toEqual(at(50));
      expect((await fixture.lobby.session(visitId, 1)).checkedInAt).toBeNull();
      expect((await fixture.lobby.session(visitId, 2)).checkedInAt).toEqual(at(52));
      expect((await fixture.lobby.sessions(visitId, 1)).map((session) => [session.participant, session.checkedInAt !== null])).toEqual([
        ['patient', false],
        [guest, true],
      ]);
      expect(await kinds()).toEqual([
        ['created', 'creator-1'],
        ['checked_in', guest],
        ['identified', 'patient'],
      ]);
    });

    it('writes nothing when the change throws', async () => {
      await expect(
        fixture.lobby.change(
          visitId,
          1,
          () => {
            throw new Error('refused');
          },
          { kind: 'checked_in', actor: 'patient', detail: {} },
        ),
      ).rejects.toThrow('refused');
      expect(await fixture.lobby.sessions(visitId, 1)).toEqual([]);
      expect(await kinds()).toEqual([['created', 'creator-1']]);
    });

    it('refuses a session of a visit that does not exist', async () => {
      await expect(fixture.lobby.change('00000000-0000-4000-8000-00000000dead', 1, () => ({ checkedInAt: at(50) }), null)).rejects.toThrow();
    });

    it('takes one answer per participant, oldest first, with only the rating on the timeline', async () => {
      expect(await fixture.lobby.addFeedback(visitId, { participant: guest, rating: 4, comment: null, at: at(59) })).toBe(true);
      expect(await fixture.lobby.addFeedback(visitId, { participant: 'patient', rating: 5, comment: 'Very easy', at: at(58) })).toBe(true);
      expect(await fixture.lobby.addFeedback(visitId, { participant: 'patient', rating: 1, comment: 'changed my mind', at: at(59) })).toBe(false);
      expect(await fixture.lobby.feedback(visitId)).toEqual([
        { participant: 'patient', rating: 5, comment: 'Very easy', at: at(58) },
        { participant: guest, rating: 4, comment: null, at: at(59) },
      ]);
      const lines = (await fixture.lobby.timeline(visitId)).filter((event) => event.kind === 'feedback');
      expect(lines.map((event) => [event.actor, event.detail])).toEqual([
        [guest, { rating: 4 }],
        ['patient', { rating: 5 }],
      ]);
      await expect(fixture.lobby.addFeedback(visitId, { participant: 'guest:x', rating: 6, comment: null, at: at(59) })).rejects.toThrow();
    });
  });
}
