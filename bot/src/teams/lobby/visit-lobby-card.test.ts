import type { LobbySession } from '../../domain/lobby/lobby-types';
import type { Visit } from '../../domain/visits/visit-types';
import { visitCard } from '../visits/visit-card';
import { deviceSummary, initials, shortName, waitLabel } from '../visits/visit-card-parts';
import { lobbyCard, lobbyPreview, lobbyRefusedCard } from './visit-lobby-card';

// Cards are checked as the JSON Teams receives.
type Json = ReturnType<typeof JSON.parse>;
const json = (value: unknown): Json => JSON.parse(JSON.stringify(value));

const checkedInAt = new Date('2026-11-24T13:58:00.000Z');
const now = new Date('2026-11-24T14:00:30.000Z');
const visit = {
  id: 'visit-1',
  tenantId: 't',
  patient: { fhirId: null, name: 'Jane Doe', givenName: 'Jane', mrn: null, birthDate: '1980-04-02' },
  start: new Date('2026-11-24T14:00:00.000Z'),
  durationMinutes: 30,
  clinicians: [{ aadObjectId: 'aad-lee', name: 'Dr Lee', email: null }],
  reason: 'wound check',
  contact: { phone: null, email: null },
  notify: [],
  status: 'waiting',
  meeting: { provider: 'builtin', meetingId: 'm', organizerId: null, clinicianJoinUrl: 'https://rounds.example/room/m' },
  origin: { conversationId: null, teamId: null, channelId: null },
  announceIn: null,
  timeZone: 'UTC',
  createdBy: { id: 'integration-api', name: 'Integration API' },
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 3,
  scheduleVersion: 1,
  cancelledAt: null,
  endedAt: null,
  guests: [],
  admitWhenClinicianJoins: false,
} satisfies Visit;
const ok = { camera: 'ok', microphone: 'ok', speaker: 'ok', browser: 'ok', connection: 'ok', rttMs: 20, userAgent: null } as const;
const session: LobbySession = {
  visitId: 'visit-1',
  scheduleVersion: 1,
  participant: 'patient',
  identifiedAt: checkedInAt,
  deviceCheck: { ...ok, at: checkedInAt },
  checkedInAt,
  clinicianNotifiedAt: null,
  admittedAt: null,
  admittedBy: null,
  messages: [],
};
const admitted: LobbySession = { ...session, admittedAt: new Date('2026-11-24T14:02:00.000Z'), admittedBy: { id: 'aad-lee', name: 'Dr Lee' } };
const text = (card: Json): string => JSON.stringify(card.body);
const titles = (card: Json): string[] => (card.actions as { title: string }[]).map((action) => action.title);

describe('lobby words', () => {
  it('names the patient by given name and initial, and previews by initials', () => {
    expect(shortName(visit.patient)).toBe('Jane D.');
    expect(shortName({ name: 'Cher', givenName: null })).toBe('Cher');
    expect(initials(visit.patient)).toBe('J. D.');
    expect(initials({ name: 'Maria de la Cruz' })).toBe('M. C.');
  });

  it('says what failed in the device check in plain words', () => {
    expect(deviceSummary({ ...ok })).toBe('devices OK');
    expect(deviceSummary({ ...ok, camera: 'failed', connection: 'failed' })).toBe('camera not working, weak connection');
    expect(deviceSummary({ ...ok, speaker: 'skipped' })).toBe('devices OK (speaker not checked)');
    expect(deviceSummary(null)).toBe('devices not checked');
  });

  it('counts the wait in whole minutes', () => {
    expect(waitLabel(checkedInAt, new Date(checkedInAt.getTime() + 59_000))).toBe('<1 min');
    expect(waitLabel(checkedInAt, now)).toBe('2 min');
    expect(waitLabel(checkedInAt, new Date(checkedInAt.getTime() + 65 * 60_000))).toBe('1 h 5 min');
  });
});

describe('lobbyCard', () => {
  const view = { visit, session, now, viewerIds: ['29:lee'], occasion: 'arrived' as const };

  it('says who waits, how their devices did and for how long; offers admit and message, never no-show (the patient came)', () => {
    const card = json(lobbyCard(view));
    expect(card.version).toBe('1.5');
    expect(text(card)).toContain('Jane D. is waiting · devices OK · 2 min');
    expect(titles(card)).toEqual(['Admit', 'Message patient', 'Join the visit']);
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'visit.admit', data: { visitId: 'visit-1', card: 'lobby' }, fallback: { type: 'Action.Submit' } });
    expect(card.refresh).toMatchObject({ action: { verb: 'visit.lobby-card', data: { visitId: 'visit-1' } }, userIds: ['29:lee'] });
  });

  it('says when a guest arrived first, and its Admit lets that guest in', () => {
    const guest = { id: 'g-1', name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: null, email: 'luis@example.org' };
    const card = json(lobbyCard({ ...view, visit: { ...visit, guests: [guest] }, session: { ...session, participant: 'guest:g-1' } }));
    expect(text(card)).toContain('Luis O. (guest of Jane D.) is waiting · devices OK · 2 min');
    expect(card.actions[0]).toMatchObject({ verb: 'visit.admit', data: { who: 'guest:g-1' } });
  });

  it('offers quick messages beside the typed one', () => {
    const [, message] = json(lobbyCard(view)).actions as Json[];
    expect((message.card.actions as { data: { quick?: string } }[]).map((action) => action.data.quick ?? null)).toEqual([null, 'Running about 10 minutes late', "I'll be with you shortly"]);
  });

  it('says who admitted and when, in the viewer’s zone, with only Join left', () => {
    const card = json(lobbyCard({ ...view, session: admitted }));
    expect(text(card)).toContain('Admitted by Dr Lee at {{TIME(2026-11-24T14:02:00Z)}}');
    expect(titles(card)).toEqual(['Join the visit']);
  });

  it('says an ended visit has ended, with nothing left to click', () => {
    const card = json(lobbyCard({ ...view, visit: { ...visit, status: 'completed', endedAt: now }, session: admitted }));
    expect(text(card)).toContain('This visit has ended.');
    expect(card.actions).toEqual([]);
  });

  it('previews with initials and minutes only', () => {
    expect(lobbyPreview(view)).toBe('J. D. is waiting (2 min)');
    expect(lobbyPreview({ ...view, occasion: 'channel' })).toBe('J. D. is still waiting (2 min)');
    expect(json(lobbyCard(view)).fallbackText).toBe('J. D. is waiting (2 min)');
  });

  it('tells someone refused why, and nothing of the visit', () => {
    expect(JSON.stringify(lobbyRefusedCard('Only the visit’s clinicians can do this.'))).not.toMatch(/Jane|visit-1/);
  });
});

describe('visitCard with the lobby', () => {
  const base = { visit, patientLink: null, viewerIds: [], timeZone: 'UTC' };

  it('shows the waiting patient and offers Admit first, End visit but no no-show; refreshes through the lobby handler', () => {
    const card = json(visitCard({ ...base, lobby: { session, now } }));
    expect(text(card)).toContain('Jane D. waiting · devices OK · 2 min');
    expect(card.actions[0]).toMatchObject({ title: 'Admit', verb: 'visit.admit', data: { visitId: 'visit-1', card: 'visit' } });
    expect(titles(card)).toContain('End visit');
    expect(titles(card)).not.toContain('Mark no-show');
    expect(card.refresh.action.verb).toBe('visit.lobby-refresh');
  });

  it('keeps a visit whose patient is here at six buttons at most: End visit in, Resend invite out', () => {
    for (const [status, lobby] of [['waiting', session], ['in_visit', admitted]] as const) {
      const card = json(visitCard({ ...base, patientLink: 'https://rounds.example/lobby/tok', visit: { ...visit, status, notify: ['sms'] }, lobby: { session: lobby, now } }));
      expect(card.actions.length).toBeLessThanOrEqual(6);
      expect(titles(card)).toContain('End visit');
      expect(titles(card)).not.toContain('Resend invite');
    }
  });

  it('says who admitted once the visit is under way, with no Admit, and End visit behind a confirm step', () => {
    const card = json(visitCard({ ...base, visit: { ...visit, status: 'in_visit' }, lobby: { session: admitted, now } }));
    expect(text(card)).toContain('Admitted by Dr Lee at {{TIME(2026-11-24T14:02:00Z)}}');
    expect(titles(card)).not.toContain('Admit');
    const end = (card.actions as Json[]).find((action) => action.title === 'End visit');
    expect(end).toMatchObject({ type: 'Action.ShowCard', card: { actions: [{ type: 'Action.Execute', verb: 'visit.end', style: 'destructive', data: { visitId: 'visit-1', card: 'visit' } }] } });
  });

  it('says "Done" with the visit length (admitted -> ended) once the visit is over, and offers nothing', () => {
    const endedAt = new Date(admitted.admittedAt!.getTime() + 23 * 60_000 + 10_000);
    const card = json(visitCard({ ...base, visit: { ...visit, status: 'completed', endedAt }, lobby: { session: admitted, now } }));
    expect(text(card)).toContain('Done · 23 min');
    expect(card.actions).toEqual([]);
    const never = json(visitCard({ ...base, visit: { ...visit, status: 'completed', endedAt }, lobby: { session, now } }));
    expect(text(never)).toContain('Done · the patient was not admitted');
    expect(text(card)).not.toContain('Rated');
  });

  it('adds the patient’s rating to the "Done" line once they gave one', () => {
    const endedAt = new Date(admitted.admittedAt!.getTime() + 23 * 60_000 + 10_000);
    const card = json(visitCard({ ...base, visit: { ...visit, status: 'completed', endedAt }, lobby: { session: admitted, now, rating: 4 } }));
    expect(text(card)).toContain('Done · 23 min · Rated 4/5');
  });

  it('keeps the plain refresh and no lobby line for a visit nobody waits for', () => {
    const card = json(visitCard({ ...base, visit: { ...visit, status: 'scheduled' }, lobby: { session, now } }));
    expect(text(card)).not.toContain('waiting ·');
    expect(card.refresh.action.verb).toBe('visit.refresh');
  });
});
