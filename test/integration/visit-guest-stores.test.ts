/**
 * Lobby rows written before guests existed, on every backend (PGlite; PostgreSQL with DATABASE_URL).
 * What the visit and lobby stores do with guests is their contract (store-contracts.test.ts).
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
