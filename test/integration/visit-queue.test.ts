/**
 * The care team's queue (the channel tab "Visits") over real HTTP, in dev mode: today's visits of
 * the team or of one channel, the live stream that names each visit as it changes, and the actions any
 * member of the team may take on a visit they do not run. The two-instance case is in
 * visit-queue-two-instances.test.ts (PostgreSQL).
 */
import type { VisitBoard, VisitChangedEvent } from '../../bot/src/contracts/visit-board-api';
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { checkInWith, patientTokenOf, seedVisit } from '../support/seed-visits';
import { api, openEventStreamAt, type EventStream } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const TEAM = 'team-queue';
const colleague = { aadObjectId: 'colleague-1', name: 'Dr Okafor', email: null };
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('the care team queue', () => {
  let service: RoundsService;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    service = await startRoundsForTest({ ...NO_SANDBOX });
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await service.close();
  });

  async function stream(query: string): Promise<EventStream> {
    const opened = await openEventStreamAt(service, `/api/channel-visits/events?${query}`);
    streams.push(opened);
    return opened;
  }

  /**
   * Waits until `events` has everything already committed for the channel: NOTIFY reaches a listener
   * in commit order, so once a marker visit seeded now arrives, nothing earlier is left to come.
   */
  async function settle(events: EventStream, origin: { teamId: string; channelId: string }): Promise<string[]> {
    // A pending visit is one write, so one event: nothing of it is left behind either.
    const marker = await seedVisit(service, { patient: { name: 'Marker' }, start: '2031-03-10T09:00:00Z', origin, status: 'pending' });
    return untilVisit(events, marker.id);
  }

  /** Events until one names `visitId`; returns every visit id seen on the way. */
  async function untilVisit(events: EventStream, visitId: string): Promise<string[]> {
    const seen: string[] = [];
    while (!seen.includes(visitId)) seen.push(...((await events.next(1)) as VisitChangedEvent[]).map((event) => event.visitId));
    return seen;
  }

  it("lists a day's visits of the whole team without a channel, and of one channel with it", async () => {
    const team = 'team-list';
    await seedVisit(service, { patient: { name: 'Ward A Patient' }, start: '2031-03-10T09:00:00Z', origin: { teamId: team, channelId: 'chan-a' } });
    await seedVisit(service, { patient: { name: 'Ward B Patient' }, start: '2031-03-10T10:00:00Z', origin: { teamId: team, channelId: 'chan-b' } });
    await seedVisit(service, { patient: { name: 'Other Team Patient' }, start: '2031-03-10T11:00:00Z', origin: { teamId: 'team-other', channelId: 'chan-a' } });
    await seedVisit(service, { patient: { name: 'Next Day Patient' }, start: '2031-03-11T09:00:00Z', origin: { teamId: team, channelId: 'chan-a' } });
    const range = 'from=2031-03-10&to=2031-03-10&timeZone=UTC';

    const whole = (await (await api(service, 'GET', `/api/channel-visits?teamId=${team}&${range}`)).json()) as VisitBoard;
    expect(whole.visits.map((visit) => visit.patient.name)).toEqual(['Ward A Patient', 'Ward B Patient']);
    const channel = (await (await api(service, 'GET', `/api/channel-visits?teamId=${team}&channelId=chan-b&${range}`)).json()) as VisitBoard;
    expect(channel.visits.map((visit) => visit.patient.name)).toEqual(['Ward B Patient']);
  });

  it("names each checked-in visit on the team's stream, and only the channel's own on the channel's stream", async () => {
    const teamStream = await stream(`teamId=${TEAM}`);
    const channelStream = await stream(`teamId=${TEAM}&channelId=chan-1`);
    const elsewhere = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: inMinutes(5), origin: { teamId: TEAM, channelId: 'chan-2' } });
    const here = await seedVisit(service, { patient: { name: 'John Roe' }, start: inMinutes(5), origin: { teamId: TEAM, channelId: 'chan-1' } });
    const seenByTeam = await settle(teamStream, { teamId: TEAM, channelId: 'chan-1' });
    // Both streams follow one listener of this instance: the channel's has the marker queued too.
    const seenByChannel = await untilVisit(channelStream, seenByTeam.at(-1) ?? '');
    expect(seenByTeam).toEqual(expect.arrayContaining([elsewhere.id, here.id]));
    expect(seenByChannel).toContain(here.id);
    expect(seenByChannel).not.toContain(elsewhere.id);

    await checkInWith(service, await patientTokenOf(service, elsewhere.id));
    await checkInWith(service, await patientTokenOf(service, here.id));

    const onTeam = await untilVisit(teamStream, here.id);
    expect(onTeam).toContain(elsewhere.id);
    // The other channel's check-in committed first: had it been sent, it would have come first.
    expect(await channelStream.next(1)).toEqual([{ visitId: here.id }]);
  });

  it('tells the queue when a member of the team admits, and the event carries no patient data', async () => {
    const origin = { teamId: TEAM, channelId: 'chan-3' };
    const events = await stream(`teamId=${TEAM}&channelId=chan-3`);
    const visit = await seedVisit(service, { patient: { name: 'Mary Major' }, start: inMinutes(5), origin });
    await checkInWith(service, await patientTokenOf(service, visit.id));
    await settle(events, origin);

    expect((await api(service, 'POST', `/api/me/visits/${visit.id}/admit`, { who: 'everyone' })).status).toBe(200);
    const [event] = await events.next(1);
    expect(event).toEqual({ visitId: visit.id });
    expect(JSON.stringify(event)).not.toMatch(/Mary|Major/);
  });

  it('tells the queue when someone writes from the waiting room (a change of the lobby alone)', async () => {
    const origin = { teamId: TEAM, channelId: 'chan-5' };
    const events = await stream(`teamId=${TEAM}&channelId=chan-5`);
    const visit = await seedVisit(service, { patient: { name: 'Ray Late' }, start: inMinutes(5), origin });
    const token = await patientTokenOf(service, visit.id);
    const cookie = await checkInWith(service, token);
    await settle(events, origin);

    expect((await api(service, 'POST', `/api/lobby/${token}/message`, { text: 'Running 5 minutes late' }, { cookie })).status).toBeLessThan(300);
    expect(await events.next(1)).toEqual([{ visitId: visit.id }]);
  });

  it("lets a member of the visit's team who does not run it admit, message, end and mark a no-show", async () => {
    // Dev mode: the dev identity is a member of every team. The visit is run by a colleague.
    const team = { teamId: TEAM, channelId: 'chan-4' };
    const waiting = await seedVisit(service, { patient: { name: 'Pat Waiting' }, start: inMinutes(5), clinicians: [colleague], origin: team });
    await checkInWith(service, await patientTokenOf(service, waiting.id));
    expect((await api(service, 'POST', `/api/me/visits/${waiting.id}/message`, { text: 'A nurse is coming' })).status).toBe(200);
    expect(await (await api(service, 'POST', `/api/me/visits/${waiting.id}/admit`, { who: 'patient' })).json()).toMatchObject({ status: 'in_visit' });
    expect(await (await api(service, 'POST', `/api/me/visits/${waiting.id}/end`)).json()).toMatchObject({ status: 'completed' });

    const absent = await seedVisit(service, { patient: { name: 'Pat Absent' }, start: inMinutes(-1), clinicians: [colleague], origin: team });
    expect(await (await api(service, 'POST', `/api/me/visits/${absent.id}/no-show`)).json()).toMatchObject({ status: 'no_show' });

    // Outside any team, the same visit is its clinicians' alone.
    const private_ = await seedVisit(service, { patient: { name: 'Pat Private' }, start: inMinutes(5), clinicians: [colleague] });
    await checkInWith(service, await patientTokenOf(service, private_.id));
    expect((await api(service, 'POST', `/api/me/visits/${private_.id}/admit`)).status).toBe(403);
  });

  it('needs the team on the stream', async () => {
    const response = await api(service, 'GET', '/api/channel-visits/events?channelId=chan-1');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe('teamId');
  });
});
