/**
 * Guests in storage on every backend (PGlite; PostgreSQL with DATABASE_URL): a visit keeps its guests
 * (each given an id) and its "let them in when I'm ready" option; each participant has their own
 * lobby session, changed under its own lock and recorded on the visit's timeline.
 */
import type { Database } from '../../bot/src/storage/database';
import { SqlLobbyStore } from '../../bot/src/storage/sql-lobby-store';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';
import { storageBackends } from '../support/storage-backends';

const newVisit = {
  tenantId: 'tenant-guests',
  patient: { fhirId: null, name: 'Margaret Okafor', givenName: 'Margaret', mrn: null, birthDate: null },
  start: new Date('2031-03-10T10:00:00Z'),
  durationMinutes: 30,
  clinicians: [],
  reason: null,
  contact: { phone: null, email: null },
  notify: [],
  origin: { conversationId: null, teamId: null, channelId: null },
  timeZone: 'UTC',
  createdBy: { id: 'integration-api', name: 'Integration API' },
  guests: [
    { name: 'Ana Okafor', relationship: 'daughter', language: null, phone: '+15550001111', email: null },
    { name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: null, email: 'luis@example.org' },
  ],
  admitWhenClinicianJoins: true,
};

describe.each(storageBackends)('guests in storage on $name', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterAll(() => dispose());

  it('keeps each guest with an id of their own, and the let-them-in option, which can change', async () => {
    const visits = new SqlVisitStore(db);
    const { visit } = await visits.create(newVisit, null);
    expect(visit.guests).toEqual(newVisit.guests.map((guest) => ({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), ...guest })));
    expect(new Set(visit.guests.map((guest) => guest.id)).size).toBe(2);
    expect(visit.admitWhenClinicianJoins).toBe(true);
    const changed = await visits.update(visit.id, visit.version, { admitWhenClinicianJoins: false }, []);
    expect((await visits.get(visit.id))?.admitWhenClinicianJoins).toBe(false);
    expect(changed.guests).toEqual(visit.guests);
  });

  it('gives each participant their own lobby session and names them on the timeline', async () => {
    const { visit } = await new SqlVisitStore(db).create(newVisit, null);
    const lobby = new SqlLobbyStore(db);
    const guest = `guest:${visit.guests[0]?.id ?? ''}`;
    const at = new Date('2031-03-10T09:55:00Z');
    await lobby.change(visit.id, 1, () => ({ checkedInAt: at }), { kind: 'checked_in', actor: guest, detail: {} }, guest);
    await lobby.change(visit.id, 1, () => ({ identifiedAt: at }), { kind: 'identified', actor: 'patient', detail: {} });

    expect((await lobby.session(visit.id, 1, guest)).checkedInAt).toEqual(at);
    expect((await lobby.session(visit.id, 1)).checkedInAt).toBeNull();
    expect((await lobby.sessions(visit.id, 1)).map((session) => [session.participant, session.checkedInAt !== null])).toEqual([
      ['patient', false],
      [guest, true],
    ]);
    // A refused change (already admitted) leaves that participant's session alone and the others too.
    const admitted = await lobby.change(visit.id, 1, (s) => (s.admittedAt ? null : { admittedAt: at }), null, guest);
    expect(admitted.changed).toBe(true);
    expect((await lobby.session(visit.id, 1)).admittedAt).toBeNull();
    expect((await lobby.timeline(visit.id)).map((event) => [event.kind, event.actor])).toEqual([
      ['created', 'integration-api'],
      ['checked_in', guest],
      ['identified', 'patient'],
    ]);
  });

  it("keeps who in the waiting room wrote a message, and reads messages stored before that as the clinic's", async () => {
    const { visit } = await new SqlVisitStore(db).create(newVisit, null);
    const lobby = new SqlLobbyStore(db);
    const at = new Date('2031-03-10T09:56:00Z');
    await lobby.change(visit.id, 1, () => ({ messages: [{ text: 'running 5 minutes late', at, from: 'Margaret O.', participant: 'patient' }] }), null);
    // A message as the clinic's were stored before the waiting room could write: no participant.
    await db.query(`UPDATE lobby_sessions SET messages = messages || $2::jsonb WHERE visit_id = $1`, [visit.id, JSON.stringify([{ text: 'On my way', at, from: 'Dr Lee' }])]);
    expect((await lobby.session(visit.id, 1)).messages).toEqual([
      { text: 'running 5 minutes late', at, from: 'Margaret O.', participant: 'patient' },
      { text: 'On my way', at, from: 'Dr Lee', participant: null },
    ]);
  });
});
