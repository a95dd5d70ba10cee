/**
 * The virtual lobby's rules on in-memory stores and a clock the test moves: the patient's way from
 * link to visit (identity check, device check, check-in, admission), guests, the clinicians' actions
 * and who may take them, ending a visit and what each step writes (timeline, jobs, audit).
 */
import { MemoryAuditLog } from '../../storage/memory/memory-audit-log';
import { MemoryLobbyStore } from '../../storage/memory/memory-lobby-store';
import { MemoryTables } from '../../storage/memory/memory-tables';
import { MemoryVisitStore } from '../../storage/memory/memory-visit-store';
import type { Actor } from '../shared/actor';
import type { LinkTokens, NewVisit, Visit } from '../visits/visit-types';
import { EVERYONE, LobbyService } from './lobby-service';
import type { DeviceCheckResult } from './lobby-types';

const START = new Date('2026-12-07T10:00:00Z');
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);
const LEE: Actor = { userId: 'aad-lee', tenantId: 'tenant-a', name: 'Dr Lee' };
const TEAMMATE: Actor = { userId: 'aad-pat', tenantId: 'tenant-a', name: 'Nurse Pat' };
const STRANGER: Actor = { userId: 'aad-x', tenantId: 'tenant-a', name: 'Dr X' };
const DEVICES: DeviceCheckResult = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'failed', rttMs: 80, userAgent: 'Phone' };
const LINK_NOT_VALID = 'This link is not valid any more. Please use the newest message you received, or call the clinic.';

/** Tokens as readable strings: the lobby's rules, not the signature, are under test here. */
const tokens: LinkTokens = {
  issue: (visitId, version, guestId) => [visitId, version, guestId].filter((part) => part !== undefined).join('.'),
  verify: (token) => {
    const [visitId, version, guestId] = token.split('.');
    return visitId && version ? { visitId, scheduleVersion: Number(version), guestId: guestId ?? null } : null;
  },
  codeFor: (token) => `code-${token.length}`,
  ticketFor: (token) => `ticket:${token}`,
  isTicketFor: (token, ticket) => ticket === `ticket:${token}`,
};

async function setup(overrides: Partial<NewVisit> = {}) {
  let now = minutes(-10);
  const tables = new MemoryTables(() => now);
  const visits = new MemoryVisitStore(tables);
  const lobby = new MemoryLobbyStore(tables);
  const audit = new MemoryAuditLog(tables);
  const published: string[] = [];
  const presence = { clinicianInRoom: false, present: false, lastSeenAt: null as Date | null };
  const meetingsEnded: string[] = [];
  const service = new LobbyService({
    visits,
    audit,
    lobby,
    events: { publish: async (visitId) => void published.push(visitId) },
    tokens,
    membership: { isMember: async (actor, teamId) => teamId === 'team-1' && actor.userId === TEAMMATE.userId },
    settings: { opensBeforeMinutes: 15, closesAfterMinutes: 60, identity: { firstName: true, birthYear: true }, escalateAfterMinutes: 5, emptyRoomEndMinutes: 10, endGraceMinutes: 30 },
    meetings: { end: async (visit) => void meetingsEnded.push(visit.id) },
    presence: {
      presence: async () => ({ present: presence.present, lastSeenAt: presence.lastSeenAt }),
      clinicianPresent: async () => presence.clinicianInRoom,
      inRoom: async () => [],
    },
    patientMeetingUrl: (visit, token) => `https://rounds.example/rooms/${visit.id}?t=${token}`,
    now: () => now,
  });
  const { visit: created } = await visits.create(
    {
      tenantId: 'tenant-a',
      patient: { fhirId: 'pat-1', name: 'Zoë Adams', givenName: 'Zoë', mrn: 'MRN1', birthDate: '1971-05-02' },
      start: START,
      durationMinutes: 30,
      clinicians: [{ aadObjectId: LEE.userId, name: 'Dr Lee', email: null }],
      reason: null,
      contact: { phone: '+15550001111', email: null },
      notify: ['sms'],
      origin: { conversationId: '19:ward', teamId: 'team-1', channelId: '19:ward' },
      timeZone: 'UTC',
      createdBy: { id: LEE.userId, name: 'Dr Lee' },
      ...overrides,
    },
    null,
  );
  const visit = await visits.update(created.id, 1, { status: 'scheduled', meeting: { provider: 'builtin', meetingId: 'room-1', organizerId: null, clinicianJoinUrl: 'https://rounds.example/rooms/room-1' } }, []);
  const token = tokens.issue(visit.id, visit.scheduleVersion);
  const ticket = tokens.ticketFor(token);
  return {
    service,
    visits,
    lobby,
    audit,
    visit,
    token,
    ticket,
    published,
    presence,
    meetingsEnded,
    tables,
    setNow: (at: Date) => {
      now = at;
    },
    current: async (): Promise<Visit> => (await visits.get(visit.id))!,
    timeline: async () => (await lobby.timeline(visit.id)).map((event) => event.kind),
    waitingKeys: () => tables.waitingJobs().map((job) => job.dedupeKey),
  };
}

describe('LobbyService: the patient’s side', () => {
  it('opens the waiting room shortly before the start, and treats forged, revoked and expired links alike', async () => {
    const lobby = await setup();
    lobby.setNow(minutes(-20));
    expect((await lobby.service.view(lobby.token)).phase).toBe('too_early');
    await expect(lobby.service.identify(lobby.token, { firstName: 'Zoe', birthYear: 1971 })).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('not open yet') });
    lobby.setNow(minutes(-10));
    expect((await lobby.service.open(lobby.token)).phase).toBe('identify');
    await expect(lobby.service.view('forged')).rejects.toMatchObject({ code: 'not_found', userMessage: LINK_NOT_VALID });
    await expect(lobby.service.view(tokens.issue(lobby.visit.id, 2))).rejects.toMatchObject({ code: 'not_found', userMessage: LINK_NOT_VALID });
    lobby.setNow(minutes(30 + 61));
    await expect(lobby.service.view(lobby.token)).rejects.toMatchObject({ code: 'not_found', userMessage: LINK_NOT_VALID });
    expect(await lobby.timeline()).toEqual(['created', 'link_opened']);
  });

  it('checks who the patient is by first name (any case or accent) and birth year, recording each failure', async () => {
    const lobby = await setup();
    await expect(lobby.service.identify(lobby.token, { firstName: 'Zoe', birthYear: 1970 })).rejects.toMatchObject({
      code: 'forbidden',
      userMessage: 'Those details do not match what the clinic has for this visit. Check the spelling, or call the clinic.',
    });
    expect(await lobby.service.identify(lobby.token, { firstName: ' zoe ', birthYear: 1971 })).toBe(lobby.ticket);
    expect((await lobby.service.view(lobby.token)).phase).toBe('device_check');
    await expect(lobby.service.checkIn(lobby.token, 'not-the-ticket')).rejects.toMatchObject({ code: 'unauthenticated', userMessage: 'Please confirm who you are first.' });
    expect(await lobby.timeline()).toEqual(['created', 'identity_failed', 'identified']);
  });

  it('checks in once: the visit waits, its card and three alert steps and the end-time check are queued', async () => {
    const lobby = await setup();
    await lobby.service.identify(lobby.token, { firstName: 'Zoë', birthYear: 1971 });
    await lobby.service.reportDeviceCheck(lobby.token, lobby.ticket, DEVICES);
    const view = await lobby.service.checkIn(lobby.token, lobby.ticket);
    await lobby.service.checkIn(lobby.token, lobby.ticket);
    expect(view).toMatchObject({ phase: 'waiting', joinUrl: null, session: { checkedInAt: minutes(-10), deviceCheck: { ...DEVICES, at: minutes(-10) } } });
    expect(await lobby.current()).toMatchObject({ status: 'waiting' });
    const at = minutes(-10).toISOString();
    expect(lobby.tables.waitingJobs().map((job) => [job.dedupeKey, job.runAt])).toEqual(
      [
        [`auto-end:end:${lobby.visit.id}:${minutes(60).getTime()}`, minutes(60)],
        [`card:${lobby.visit.id}:3`, minutes(-10)],
        [`lobby-alert:${lobby.visit.id}:${at}:0`, minutes(-10)],
        [`lobby-alert:${lobby.visit.id}:${at}:1`, minutes(-5)],
        [`lobby-alert:${lobby.visit.id}:${at}:2`, minutes(0)],
      ].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
    );
    const lines = await lobby.lobby.timeline(lobby.visit.id);
    expect(lines.find((event) => event.kind === 'device_check')?.detail).toEqual({ failed: 'connection', rttMs: 80 });
    expect(lines.filter((event) => event.kind === 'checked_in')).toHaveLength(1);
  });

  it('checks in even when the visit changed at the same moment: it still waits, with its card and alerts queued', async () => {
    const lobby = await setup();
    await lobby.service.identify(lobby.token, { firstName: 'Zoë', birthYear: 1971 });
    // Another change lands between the check-in's read of the visit and its own write.
    const update = lobby.visits.update.bind(lobby.visits);
    jest.spyOn(lobby.visits, 'update').mockImplementationOnce(async (...args) => {
      const current = await lobby.current();
      await update(current.id, current.version, { admitWhenClinicianJoins: false }, []);
      return update(...args);
    });
    const view = await lobby.service.checkIn(lobby.token, lobby.ticket);
    expect(view.phase).toBe('waiting');
    expect(await lobby.current()).toMatchObject({ status: 'waiting' });
    const at = minutes(-10).toISOString();
    expect(lobby.waitingKeys()).toEqual(expect.arrayContaining([`lobby-alert:${lobby.visit.id}:${at}:0`, `card:${lobby.visit.id}:4`]));
  });

  it('two arrivals that both found the visit scheduled: the second refreshes the cards, and nobody is alerted twice', async () => {
    const lobby = await setup({ guests: [{ name: 'Ana Adams', relationship: 'daughter', language: null, phone: null, email: null }] });
    const guestToken = tokens.issue(lobby.visit.id, 1, lobby.visit.guests[0]!.id);
    await lobby.service.identify(lobby.token, { firstName: 'Zoë', birthYear: 1971 });
    const guestTicket = await lobby.service.identify(guestToken, { firstName: 'Ana', code: tokens.codeFor(guestToken) });
    await Promise.all([lobby.service.checkIn(lobby.token, lobby.ticket), lobby.service.checkIn(guestToken, guestTicket)]);
    expect(await lobby.current()).toMatchObject({ status: 'waiting' });
    expect(lobby.waitingKeys().filter((key) => key.startsWith('lobby-alert:') && key.endsWith(':0'))).toHaveLength(1);
    expect(lobby.waitingKeys().filter((key) => key.startsWith(`card:${lobby.visit.id}:`))).toHaveLength(2);
  });

  it('lets a waiting patient write to the clinic, in one line of plain text, but not before checking in', async () => {
    const lobby = await setup();
    await lobby.service.identify(lobby.token, { firstName: 'Zoe', birthYear: 1971 });
    await expect(lobby.service.messageClinic(lobby.token, lobby.ticket, 'Running late')).rejects.toMatchObject({
      code: 'conflict',
      userMessage: 'You can message the clinic while you wait, once you have checked in.',
    });
    await lobby.service.checkIn(lobby.token, lobby.ticket);
    await expect(lobby.service.messageClinic(lobby.token, lobby.ticket, '   ')).rejects.toMatchObject({ code: 'validation', field: 'text', userMessage: 'Write a message for the clinic.' });
    await expect(lobby.service.messageClinic(lobby.token, lobby.ticket, 'x'.repeat(301))).rejects.toMatchObject({ code: 'validation', field: 'text' });
    await lobby.service.messageClinic(lobby.token, lobby.ticket, 'Running\n  5 minutes late');
    expect((await lobby.service.view(lobby.token)).session.messages).toEqual([{ text: 'Running 5 minutes late', at: minutes(-10), from: 'Zoë A.', participant: 'patient' }]);
    const line = (await lobby.lobby.timeline(lobby.visit.id)).find((event) => event.kind === 'message_from_patient');
    expect(line?.detail).toEqual({});
  });
});

describe('LobbyService: the clinicians’ side', () => {
  async function waitingPatient(overrides: Partial<NewVisit> = {}) {
    const lobby = await setup(overrides);
    await lobby.service.identify(lobby.token, { firstName: 'Zoe', birthYear: 1971 });
    await lobby.service.checkIn(lobby.token, lobby.ticket);
    return lobby;
  }

  it('admits once: the patient goes into the visit, a second click learns it was done, and only the visit’s people may click', async () => {
    const lobby = await waitingPatient();
    lobby.setNow(minutes(-7));
    await expect(lobby.service.admit(STRANGER, lobby.visit.id)).rejects.toMatchObject({ code: 'forbidden', userMessage: "Only the visit's clinicians and members of its care team can do this." });
    await expect(lobby.service.admit({ ...LEE, tenantId: 'tenant-b' }, lobby.visit.id)).rejects.toMatchObject({ code: 'not_found' });
    const first = await lobby.service.admit(LEE, lobby.visit.id);
    const second = await lobby.service.admit(TEAMMATE, lobby.visit.id);
    expect(first).toMatchObject({ admitted: true, visit: { status: 'in_visit' }, session: { admittedAt: minutes(-7), admittedBy: { id: LEE.userId, name: 'Dr Lee' } } });
    expect(second).toMatchObject({ admitted: false, session: { admittedBy: { id: LEE.userId } } });
    const view = await lobby.service.view(lobby.token);
    expect(view).toMatchObject({ phase: 'admitted', joinUrl: `https://rounds.example/rooms/${lobby.visit.id}?t=${lobby.token}` });
    const admitted = (await lobby.lobby.timeline(lobby.visit.id)).filter((event) => event.kind === 'admitted');
    expect(admitted.map((event) => event.detail)).toEqual([{ by: 'Dr Lee', waitSeconds: 180, participant: 'patient' }]);
    expect(lobby.waitingKeys()).toContain(`auto-end:empty:${lobby.visit.id}:${minutes(-7).getTime()}`);
    expect(lobby.audit.entries().map((entry) => [entry.action, entry.actor.userId, entry.patientRef])).toEqual([
      ['lobby.admit', LEE.userId, 'pat-1'],
      ['lobby.admit', TEAMMATE.userId, 'pat-1'],
    ]);
  });

  it('records an alert step that reached nobody while the patient waits, and not one that finishes after the admission', async () => {
    const lobby = await waitingPatient();
    await lobby.service.markAlertFailed(lobby.visit.id, 0, 'not-installed');
    const cardRefreshes = () => lobby.waitingKeys().filter((key) => key.includes(':alert-failed:'));
    expect(cardRefreshes()).toHaveLength(1);
    await lobby.service.admit(LEE, lobby.visit.id);

    await lobby.service.markAlertFailed(lobby.visit.id, 1, 'not-installed');

    const failures = (await lobby.lobby.timeline(lobby.visit.id)).filter((event) => event.kind === 'alert_failed');
    expect(failures.map((event) => event.detail)).toEqual([{ step: 0, reason: 'not-installed' }]);
    expect(cardRefreshes()).toHaveLength(1);
  });

  it('moves the visit on when a click finds the patient admitted but the visit still waiting (two clicks at once, or a request that stopped between the two writes)', async () => {
    const lobby = await waitingPatient();
    lobby.setNow(minutes(-7));
    await lobby.lobby.change(lobby.visit.id, lobby.visit.scheduleVersion, () => ({ admittedAt: minutes(-7), admittedBy: { id: LEE.userId, name: 'Dr Lee' } }), null);
    expect((await lobby.current()).status).toBe('waiting');

    const second = await lobby.service.admit(TEAMMATE, lobby.visit.id);

    expect(second).toMatchObject({ admitted: false, visit: { status: 'in_visit' }, session: { admittedBy: { id: LEE.userId } } });
    expect((await lobby.current()).status).toBe('in_visit');
  });

  it('does not bring back an ended visit when someone clicks Admit again', async () => {
    const lobby = await waitingPatient();
    await lobby.service.admit(LEE, lobby.visit.id);
    await lobby.service.end(LEE, lobby.visit.id);

    await lobby.service.admit(LEE, lobby.visit.id).catch(() => undefined);

    expect((await lobby.current()).status).toBe('completed');
  });

  it('refuses to admit someone who has not checked in, or who is not part of the visit', async () => {
    const lobby = await setup({ guests: [{ name: 'Ana Adams', relationship: 'daughter', language: null, phone: null, email: null }] });
    await expect(lobby.service.admit(LEE, lobby.visit.id)).rejects.toMatchObject({ code: 'conflict', userMessage: 'The patient has not checked in yet. You can admit them once they are waiting.' });
    await expect(lobby.service.admit(LEE, lobby.visit.id, EVERYONE)).rejects.toMatchObject({ code: 'conflict', userMessage: 'Nobody has checked in yet. You can admit people once they are waiting.' });
    await expect(lobby.service.admit(LEE, lobby.visit.id, 'guest:someone-else')).rejects.toMatchObject({ code: 'validation', field: 'who' });
    await expect(lobby.service.admit(LEE, lobby.visit.id, `guest:${lobby.visit.guests[0]!.id}`)).rejects.toMatchObject({ userMessage: 'Ana Adams has not checked in yet. You can admit them once they are waiting.' });
  });

  it('checks a guest in with their name and code, and admits everyone waiting at once', async () => {
    const lobby = await waitingPatient({ guests: [{ name: 'Ana Adams', relationship: 'daughter', language: null, phone: null, email: null }] });
    const guestKey = `guest:${lobby.visit.guests[0]!.id}`;
    const guestToken = tokens.issue(lobby.visit.id, 1, lobby.visit.guests[0]!.id);
    await expect(lobby.service.identify(guestToken, { firstName: 'Ana', code: 'wrong' })).rejects.toMatchObject({ code: 'forbidden', userMessage: expect.stringContaining('the code from your message') });
    const guestTicket = await lobby.service.identify(guestToken, { firstName: 'ana', code: tokens.codeFor(guestToken) });
    await lobby.service.checkIn(guestToken, guestTicket);
    const result = await lobby.service.admit(LEE, lobby.visit.id, EVERYONE);
    expect(result.admitted).toBe(true);
    expect((await lobby.lobby.sessions(lobby.visit.id, 1)).map((session) => [session.participant, session.admittedAt !== null])).toEqual([
      ['patient', true],
      [guestKey, true],
    ]);
    expect((await lobby.service.view(guestToken)).phase).toBe('admitted');
  });

  it('lets a patient straight in when the option is on and a clinician is already in the room', async () => {
    const lobby = await setup({ admitWhenClinicianJoins: true });
    lobby.presence.clinicianInRoom = true;
    await lobby.service.identify(lobby.token, { firstName: 'Zoe', birthYear: 1971 });
    const view = await lobby.service.checkIn(lobby.token, lobby.ticket);
    expect(view).toMatchObject({ phase: 'admitted', session: { admittedBy: { id: 'system' } } });
    expect(await lobby.current()).toMatchObject({ status: 'in_visit' });
  });

  it('marks a no-show only for a patient who never checked in', async () => {
    const came = await waitingPatient();
    await expect(came.service.markNoShow(LEE, came.visit.id)).rejects.toMatchObject({ code: 'conflict', userMessage: 'The patient checked in: this visit is not a no-show. End the visit instead.' });
    const absent = await setup();
    const marked = await absent.service.markNoShow(LEE, absent.visit.id);
    expect(marked.status).toBe('no_show');
    expect(await absent.timeline()).toEqual(['created', 'no_show']);
    expect((await absent.service.view(absent.token)).phase).toBe('ended');
  });

  it('ends a visit once with its length from admission, closing the meeting; before check-in there is nothing to end', async () => {
    const early = await setup();
    await expect(early.service.end(LEE, early.visit.id)).rejects.toMatchObject({ code: 'conflict', userMessage: 'The patient has not checked in: there is no visit to end yet.' });
    const lobby = await waitingPatient();
    lobby.setNow(minutes(-5));
    await lobby.service.admit(LEE, lobby.visit.id);
    lobby.setNow(minutes(18));
    const ended = await lobby.service.end(LEE, lobby.visit.id);
    expect(await lobby.service.end(TEAMMATE, lobby.visit.id)).toEqual(ended);
    expect(ended).toMatchObject({ status: 'completed', endedAt: minutes(18) });
    const line = (await lobby.lobby.timeline(lobby.visit.id)).filter((event) => event.kind === 'ended');
    expect(line.map((event) => [event.actor, event.detail])).toEqual([[LEE.userId, { reason: 'clinician', lengthSeconds: 23 * 60, admitted: true, quality: null }]]);
    expect(lobby.waitingKeys()).toContain(`meeting-end:${lobby.visit.id}`);
    await lobby.service.endMeeting(lobby.visit.id);
    expect(lobby.meetingsEnded).toEqual([lobby.visit.id]);
    expect(await lobby.service.view(lobby.token)).toMatchObject({ phase: 'ended', joinUrl: null, feedback: { rating: null } });
  });

  it('takes the patient’s rating once the visit is over, once', async () => {
    const lobby = await waitingPatient();
    await expect(lobby.service.giveFeedback(lobby.token, lobby.ticket, { rating: 5 })).rejects.toMatchObject({ code: 'conflict', userMessage: 'You can rate your visit once it has ended.' });
    await lobby.service.admit(LEE, lobby.visit.id);
    await lobby.service.end(LEE, lobby.visit.id);
    expect((await lobby.service.giveFeedback(lobby.token, lobby.ticket, { rating: 4, comment: '' })).feedback).toEqual({ rating: 4 });
    await expect(lobby.service.giveFeedback(lobby.token, lobby.ticket, { rating: 1 })).rejects.toMatchObject({ code: 'conflict', userMessage: 'You have already rated this visit. Thank you.' });
    expect(await lobby.service.patientRating(await lobby.current())).toBe(4);
  });

  it('ends an admitted visit whose room stayed empty long enough, and otherwise looks again when it would have been', async () => {
    const lobby = await waitingPatient();
    lobby.setNow(minutes(0));
    await lobby.service.admit(LEE, lobby.visit.id);
    lobby.presence.lastSeenAt = minutes(4);
    lobby.setNow(minutes(10));
    await lobby.service.autoEnd(lobby.visit.id, 'empty_room');
    expect((await lobby.current()).status).toBe('in_visit');
    expect(lobby.waitingKeys()).toContain(`auto-end:empty:${lobby.visit.id}:${minutes(14).getTime()}`);
    lobby.setNow(minutes(14));
    await lobby.service.autoEnd(lobby.visit.id, 'empty_room');
    expect(await lobby.current()).toMatchObject({ status: 'completed', endedAt: minutes(14) });
    expect((await lobby.lobby.timeline(lobby.visit.id)).find((event) => event.kind === 'ended')).toMatchObject({ actor: 'system', detail: { reason: 'empty_room', lengthSeconds: 14 * 60 } });
  });

  it('sends a clinician’s message to everyone in the waiting room with one timeline line, and refuses a cancelled visit', async () => {
    const lobby = await waitingPatient({ guests: [{ name: 'Ana Adams', relationship: 'daughter', language: null, phone: null, email: null }] });
    await lobby.service.messagePatient(LEE, lobby.visit.id, 'Running about 10 minutes late');
    const people = await lobby.service.people(await lobby.current());
    expect(people.map((person) => person.session.messages.map((message) => [message.text, message.from, message.participant]))).toEqual([
      [['Running about 10 minutes late', 'Dr Lee', null]],
      [['Running about 10 minutes late', 'Dr Lee', null]],
    ]);
    expect((await lobby.timeline()).filter((kind) => kind === 'message_to_patient')).toHaveLength(1);
    const current = await lobby.current();
    await lobby.visits.update(current.id, current.version, { status: 'cancelled' }, []);
    await expect(lobby.service.messagePatient(LEE, lobby.visit.id, 'Hello')).rejects.toMatchObject({ code: 'conflict', userMessage: 'This visit was cancelled.' });
    expect((await lobby.service.clinicianView(LEE, lobby.visit.id)).visit.status).toBe('cancelled');
  });
});
