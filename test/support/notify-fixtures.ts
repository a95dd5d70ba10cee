/** Visits, a database and a log capture for the notification tests. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Visit } from '../../bot/src/domain/visits/visit-types';
import { createLogger } from '../../bot/src/logging';
import type { Database } from '../../bot/src/storage/database';
import type { NotificationsDeps } from '../../bot/src/notify/create-notifications';
import { SqlOptOutStore } from '../../bot/src/storage/sql-opt-out-store';
import { SqlOutboxStore } from '../../bot/src/storage/sql-outbox-store';
import { SqlTemplateStore } from '../../bot/src/storage/sql-template-store';
import { openDatabase } from '../../bot/src/storage/open-database';
import { copyMigratedPglite } from './pglite-template';
import { makeTempDir } from './test-temp';

export const PATIENT = { name: 'Maria Jones', givenName: 'Maria', mrn: 'MRN-884211', birthDate: '1961-03-14' };
export const REASON = 'Post-operative wound check after cholecystectomy';

/** A visit with PHI in every field a message must not carry (reason, MRN, birth date). */
export function sampleVisit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd',
    tenantId: 'tenant-a',
    patient: { fhirId: 'pat-1', ...PATIENT },
    // Tue 26 Nov 2030, 3:00 PM in Adelaide (UTC+10:30 in summer): far enough ahead that reminders are still due.
    start: new Date('2030-11-26T04:30:00Z'),
    durationMinutes: 30,
    clinicians: [{ aadObjectId: 'aad-lee', name: 'Dr Lee', email: 'lee@hospital.example' }],
    reason: REASON,
    contact: { phone: '+61400111222', email: 'maria@example.net' },
    notify: ['sms', 'email'],
    status: 'scheduled',
    meeting: { provider: 'builtin', meetingId: 'room-1', organizerId: null, clinicianJoinUrl: 'http://localhost/rooms/room-1' },
    origin: { conversationId: null, teamId: null, channelId: null },
    announceIn: null,
    timeZone: 'Australia/Adelaide',
    createdBy: { id: 'aad-lee', name: 'Dr Lee' },
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    version: 2,
    scheduleVersion: 1,
    cancelledAt: null,
    endedAt: null,
    guests: [],
    admitWhenClinicianJoins: false,
    ...overrides,
  };
}

/** The outbox references visits: tests insert the row a visit store would have written. */
export async function insertVisitRow(db: Database, visit: Visit): Promise<void> {
  await db.query(
    `INSERT INTO visits (id, tenant_id, patient, start_at, duration_minutes, clinicians, reason, contact, notify, status, time_zone, created_by, schedule_version)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8::jsonb, $9::jsonb, $10, $11, $12::jsonb, $13)`,
    [
      visit.id,
      visit.tenantId,
      JSON.stringify(visit.patient),
      visit.start,
      visit.durationMinutes,
      JSON.stringify(visit.clinicians),
      visit.reason,
      JSON.stringify(visit.contact),
      JSON.stringify(visit.notify),
      visit.status,
      visit.timeZone,
      JSON.stringify(visit.createdBy),
      visit.scheduleVersion,
    ],
  );
}

/** Embedded PostgreSQL in a temporary folder, migrated the way the service does it. */
export async function openTempDatabase(): Promise<{ db: Database; dispose: () => Promise<void> }> {
  const dir = await makeTempDir('rounds-notify-');
  await copyMigratedPglite(path.join(dir, 'pglite'));
  const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }, (error) => {
    throw error;
  });
  return {
    db,
    dispose: async () => {
      await db.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The service's real logger, writing into memory so tests can check what it would have logged. */
export function captureLogs(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('debug', sink), text: () => lines.join('') };
}

/** The stores the notifications write, on a test database (the composition root passes the service's). */
export function notificationStores(db: Database): NotificationsDeps['stores'] {
  return { outbox: new SqlOutboxStore(db), optOuts: new SqlOptOutStore(db), templates: new SqlTemplateStore(db) };
}
