import type { LobbySession } from '../../domain/lobby/lobby-types';
import type { VisitDelivery } from '../../domain/notifications/notification-types';
import type { Visit } from '../../domain/visits/visit-types';
import { visitCard } from './visit-card';
import { teamVisitsCard, visitsChannelOnlyInTeamCard, visitsChannelSetCard } from './visit-card-coordination';
import { invitationLabel } from './visit-card-delivery';

type Json = ReturnType<typeof JSON.parse>;
const json = (value: unknown): Json => JSON.parse(JSON.stringify(value));
const text = (card: Json): string => JSON.stringify(card);

const visit = {
  id: 'visit-1',
  tenantId: 't',
  patient: { fhirId: null, name: 'Jane Doe', givenName: 'Jane', mrn: null, birthDate: null },
  start: new Date('2026-11-24T14:00:00Z'),
  durationMinutes: 30,
  clinicians: [{ aadObjectId: 'aad-lee', name: 'Dr Lee', email: null }],
  reason: null,
  contact: { phone: '+15551234567', email: 'jane@example.net' },
  notify: ['sms', 'email'],
  status: 'scheduled',
  meeting: { provider: 'builtin', meetingId: 'm', organizerId: null, clinicianJoinUrl: 'https://rounds.example/room/m' },
  origin: { conversationId: 'c', teamId: null, channelId: null },
  announceIn: null,
  timeZone: 'UTC',
  createdBy: { id: 'aad-lee', name: 'Dr Lee' },
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 2,
  scheduleVersion: 1,
  cancelledAt: null,
  endedAt: null,
  guests: [],
  admitWhenClinicianJoins: false,
} satisfies Visit;

const at = new Date('2026-11-20T10:02:00Z');
const delivery = (channel: VisitDelivery['channel'], status: VisitDelivery['status'], extra: Partial<VisitDelivery> = {}): VisitDelivery => ({
  channel,
  template: `invite.${channel}`,
  status,
  at,
  lastError: null,
  ...extra,
});

describe('invitationLabel', () => {
  it('says how the patient will be told until a message is written', () => {
    expect(invitationLabel(visit, undefined)).toBe('Gets the link by SMS and email');
    expect(invitationLabel(visit, [])).toBe('Gets the link by SMS and email');
    expect(invitationLabel({ ...visit, notify: [] }, [delivery('sms', 'sent')])).toBe('Not told by Rounds (no SMS or email chosen)');
  });

  it('says the patient was told, by which channels and when (in the viewer’s zone)', () => {
    expect(invitationLabel(visit, [delivery('sms', 'sent'), delivery('email', 'sent')])).toBe('Patient told by SMS and email · {{TIME(2026-11-20T10:02:00Z)}}');
  });

  it('says a message is only in the outbox when no provider is configured', () => {
    expect(invitationLabel(visit, [delivery('sms', 'stored')])).toBe('Invitation in the outbox (no SMS provider configured)');
    expect(invitationLabel(visit, [delivery('sms', 'stored'), delivery('email', 'stored')])).toBe('Invitation in the outbox (no SMS or email provider configured)');
  });

  it('says an SMS was not sent to a number that opted out, next to what did go out', () => {
    expect(invitationLabel(visit, [delivery('sms', 'suppressed'), delivery('email', 'sent')])).toBe(
      'SMS not sent: the number opted out (STOP); Patient told by email · {{TIME(2026-11-20T10:02:00Z)}}',
    );
  });

  it('says what is on its way, retrying, or failed, with the safe reason', () => {
    expect(invitationLabel(visit, [delivery('email', 'queued')])).toBe('Invitation being sent by email');
    expect(invitationLabel(visit, [delivery('sms', 'queued', { lastError: 'Twilio is unavailable (HTTP 503).' })])).toBe(
      'Invitation being sent by SMS (trying again: Twilio is unavailable (HTTP 503))',
    );
    expect(invitationLabel(visit, [delivery('email', 'failed', { lastError: 'The mail server refused the message (550).' })])).toBe(
      'Email not sent: The mail server refused the message (550)',
    );
  });

  it('names the event of the newest message: a new time, a cancellation, a reminder', () => {
    expect(invitationLabel(visit, [delivery('sms', 'sent', { template: 'reschedule.sms' })])).toMatch(/^Patient told the new time by SMS/);
    expect(invitationLabel(visit, [delivery('sms', 'sent', { template: 'cancel.sms' })])).toMatch(/^Patient told of the cancellation by SMS/);
    expect(invitationLabel(visit, [delivery('sms', 'stored', { template: 'reminder.sms' })])).toBe('Reminder in the outbox (no SMS provider configured)');
  });
});

describe('visitCard with deliveries and the lobby', () => {
  const base = { visit, patientLink: null, viewerIds: [], timeZone: 'UTC' };
  type Fact = { title: string; value: string };
  const facts = (card: Json): Record<string, string> => {
    const factSet = (card.body as { type: string; facts?: Fact[] }[]).find((element) => element.type === 'FactSet');
    return Object.fromEntries((factSet?.facts ?? []).map((fact) => [fact.title, fact.value]));
  };

  it('shows how the patient was told in the Invitation fact', () => {
    const card = json(visitCard({ ...base, deliveries: [delivery('sms', 'sent')] }));
    expect(facts(card).Invitation).toBe('Patient told by SMS · {{TIME(2026-11-20T10:02:00Z)}}');
  });

  const session: LobbySession = {
    visitId: 'visit-1',
    scheduleVersion: 1,
    participant: 'patient',
    identifiedAt: null,
    deviceCheck: null,
    checkedInAt: new Date('2026-11-24T13:58:00Z'),
    clinicianNotifiedAt: null,
    admittedAt: null,
    admittedBy: null,
    messages: [],
  };

  it('says a no-show had checked in and was not admitted', () => {
    const card = json(visitCard({ ...base, visit: { ...visit, status: 'no_show' }, lobby: { session, now: new Date('2026-11-24T14:20:00Z') } }));
    expect(text(card)).toContain('Jane D. checked in at {{TIME(2026-11-24T13:58:00Z)}} · marked as a no-show');
    expect(card.actions).toEqual([]);
  });

  it('has no lobby line for a no-show who never checked in', () => {
    const card = json(visitCard({ ...base, visit: { ...visit, status: 'no_show' }, lobby: { session: { ...session, checkedInAt: null }, now: new Date() } }));
    expect(text(card)).not.toMatch(/checked in|waiting ·/);
  });
});

describe('care-coordination channel cards', () => {
  it('says where visit cards go and how to stop, and whether another channel had them before', () => {
    expect(text(visitsChannelSetCard('none'))).toMatch(/Visit cards will come to this channel[\s\S]*visits-channel off/);
    expect(text(visitsChannelSetCard('another'))).toMatch(/another channel of this team; that channel no longer gets them/);
  });

  it('explains outside a team channel where to ask', () => {
    expect(text(visitsChannelOnlyInTeamCard())).toMatch(/Go to that channel and type \*\*@Rounds visits-channel\*\* there/);
  });

  it('lists the team’s visits by time, or says there are none', () => {
    const later = { ...visit, id: 'visit-2', start: new Date('2026-11-24T16:00:00Z'), patient: { ...visit.patient, name: 'Ali Khan' } };
    const card = json(teamVisitsCard([later, visit], 'UTC'));
    expect(card.body[0].text).toBe('Today’s visits in this team');
    expect((card.body as Json[]).slice(2).map((row) => String(row.items[0].text))).toEqual([expect.stringMatching(/Jane Doe/), expect.stringMatching(/Ali Khan/)]);
    expect(text(teamVisitsCard([], 'UTC'))).toMatch(/No visits today in any channel of this team/);
  });
});
