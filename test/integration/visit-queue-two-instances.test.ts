/**
 * The care team's queue across two service instances on one PostgreSQL: a patient checks in through
 * instance A and the queue's event stream on instance B names the visit (NOTIFY from the database at
 * commit, migration 0014). Needs DATABASE_URL (CI starts a PostgreSQL server); PGlite is one process's
 * database, so there is no second instance.
 */
import { randomBytes } from 'node:crypto';
import type { VisitBoard, VisitChangedEvent } from '../../bot/src/contracts/visit-board-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { createScratchDatabase, postgresUrl } from '../support/postgres';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { checkInWith, patientTokenOf, seedVisit } from '../support/seed-visits';
import { api, openEventStreamAt } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

if (!postgresUrl && process.env.CI) throw new Error('CI must set DATABASE_URL: the two-instance queue test needs PostgreSQL');
const describeWithPostgres = postgresUrl ? describe : describe.skip;

const ward = { teamId: 'team-ward7', channelId: 'chan-ward7' };

describeWithPostgres('the care team queue across two instances on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: RoundsService;
  let b: RoundsService;

  beforeAll(async () => {
    scratch = await createScratchDatabase(postgresUrl ?? '', { migrated: true });
    // Instances that share a database share the secrets key: it signs the patients' links.
    const env = { DATABASE_URL: scratch.url, SECRETS_KEY: randomBytes(32).toString('base64'), ...NO_SANDBOX };
    a = await startRoundsForTest(env);
    b = await startRoundsForTest(env);
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await scratch?.drop();
  });

  it('shows on the queue of instance B a patient who checked in through instance A', async () => {
    const onB = await openEventStreamAt(b, `/api/channel-visits/events?teamId=${ward.teamId}&channelId=${ward.channelId}`);
    try {
      const start = new Date(Date.now() + 5 * 60_000).toISOString();
      const visit = await seedVisit(a, { patient: { name: 'Margaret Okafor' }, start, origin: ward });
      // NOTIFY reaches each listener in commit order: once B has the marker, nothing of the seeding is left to come.
      const marker = await seedVisit(a, { patient: { name: 'Marker' }, start: '2031-03-10T09:00:00Z', origin: ward, status: 'pending' });
      while (!((await onB.next(1)) as VisitChangedEvent[]).some((event) => event.visitId === marker.id));

      await checkInWith(a, await patientTokenOf(a, visit.id));

      expect(await onB.next(1)).toEqual([{ visitId: visit.id }]);
      // What B's queue then reads, for the visit's day, is the waiting patient.
      const day = start.slice(0, 10);
      const board = (await (await api(b, 'GET', `/api/channel-visits?teamId=${ward.teamId}&channelId=${ward.channelId}&from=${day}&to=${day}&timeZone=UTC`)).json()) as VisitBoard;
      const lobby = (await (await api(b, 'GET', `/api/me/visits/${visit.id}/lobby`)).json()) as { people: { checkedInAt: string | null }[] };
      expect(board.visits.map((listed) => listed.id)).toContain(visit.id);
      expect(lobby.people[0]?.checkedInAt).toEqual(expect.any(String));
    } finally {
      onB.close();
    }
  });
});
