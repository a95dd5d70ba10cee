/**
 * Visit types in storage on every backend (PGlite; PostgreSQL with DATABASE_URL): the organisation's
 * types (saved, changed, removed, per tenant), and a visit's type and list entry, by which the
 * Patients tab finds the visits booked from a row.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../bot/src/storage/database';
import { SqlVisitStore } from '../../bot/src/storage/sql-visit-store';
import { SqlVisitTypeStore } from '../../bot/src/storage/sql-visit-type-store';
import { storageBackends } from '../support/storage-backends';

const interpreter = {
  tenantId: 'tenant-types',
  key: 'interpreter-call',
  name: 'Interpreter call',
  defaultDurationMinutes: 45,
  telehealth: true,
  templates: { sms: true, email: false },
  updatedBy: 'Ida Admin',
  updatedAt: new Date('2026-12-07T09:00:00Z'),
};

const newVisit = {
  tenantId: 'tenant-types',
  patient: { fhirId: 'pat-0001', name: 'Margaret Okafor', givenName: 'Margaret', mrn: null, birthDate: null },
  start: new Date('2031-03-10T10:00:00Z'),
  durationMinutes: 30,
  clinicians: [],
  reason: null,
  contact: { phone: null, email: null },
  notify: [],
  origin: { conversationId: null, teamId: 'team-1', channelId: 'chan-1' },
  timeZone: 'UTC',
  createdBy: { id: 'dev-user', name: 'Dev Clinician' },
};

describe.each(storageBackends)('visit types in storage on $name', (backend) => {
  let db: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterAll(() => dispose());

  it('saves, changes and removes a tenant’s type, leaving other tenants alone', async () => {
    const types = new SqlVisitTypeStore(db);
    expect(await types.insert(interpreter)).toBe(true);
    expect(await types.insert({ ...interpreter, name: 'Someone else’s' })).toBe(false);
    await types.save({ ...interpreter, tenantId: 'other-tenant' });
    await types.save({ ...interpreter, defaultDurationMinutes: 60, templates: { sms: false, email: true } });
    expect(await types.list('tenant-types')).toEqual([{ ...interpreter, defaultDurationMinutes: 60, templates: { sms: false, email: true } }]);
    expect(await types.remove('tenant-types', 'interpreter-call')).toBe(true);
    expect(await types.remove('tenant-types', 'interpreter-call')).toBe(false);
    expect(await types.list('tenant-types')).toEqual([]);
    expect(await types.list('other-tenant')).toHaveLength(1);
  });

  it('keeps a visit’s type and list entry, and lists the visits of one entry', async () => {
    const visits = new SqlVisitStore(db);
    const entryId = randomUUID();
    const { visit } = await visits.create({ ...newVisit, visitType: 'family-call', listEntryId: entryId }, null);
    await visits.create({ ...newVisit, listEntryId: randomUUID() }, null);
    expect(visit).toMatchObject({ visitType: 'family-call', listEntryId: entryId });
    const filter = { tenantId: 'tenant-types', from: new Date('2031-03-10T00:00:00Z'), to: new Date('2031-03-11T00:00:00Z') };
    expect((await visits.list({ ...filter, listEntryId: entryId })).map((found) => found.id)).toEqual([visit.id]);
    expect(await visits.list({ ...filter, listEntryId: 'not-an-entry-id' })).toEqual([]);
    expect(await visits.list(filter)).toHaveLength(2);
  });
});
