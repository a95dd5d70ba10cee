import type { Visit } from '../../domain/visits/visit-types';
import type { VisitForm } from './visit-form';
import { visitCard } from './visit-card';
import { visitFormCard } from './visit-form-card';
import { visitListCard } from './visit-list-card';
import { visitPatientChoiceCard } from './visit-patient-choice-card';

// Cards are checked as the JSON Teams receives.
type Json = ReturnType<typeof JSON.parse>;
const json = (value: unknown): Json => JSON.parse(JSON.stringify(value));

const form: VisitForm = {
  key: 'key-1234567890',
  timeZone: 'Europe/Amsterdam',
  zoneKnown: true,
  patient: { fhirId: 'pat-1', name: 'Margaret Okafor', givenName: 'Margaret', mrn: 'MRN100', birthDate: '1950-02-03' },
  date: '2026-11-24',
  time: '15:00',
  durationMinutes: '30',
  visitType: 'video',
  visitTypes: [
    { key: 'video', name: 'Video visit', defaultDurationMinutes: 30 },
    { key: 'family-call', name: 'Family call', defaultDurationMinutes: 45 },
  ],
  clinicianNames: 'Dr Lee',
  clinicians: [{ aadObjectId: 'aad-lee', name: 'Amy Lee', email: null, teamsUserId: '29:lee' }],
  reason: 'wound check',
  phone: '',
  email: '',
  notifySms: false,
  notifyEmail: false,
  admitWhenClinicianJoins: false,
  guestName: '',
  guestRelationship: '',
  guestPhone: '',
  guestEmail: '',
};

// Asserted rather than annotated: the Visit type is growing fields (announceIn) while this lands.
const visit = {
  id: 'visit-1',
  tenantId: 't',
  patient: form.patient!,
  start: new Date('2026-11-24T14:00:00.000Z'),
  durationMinutes: 30,
  clinicians: [{ aadObjectId: 'aad-lee', name: 'Amy Lee', email: null }],
  reason: 'wound check',
  contact: { phone: '+15551234567', email: null },
  notify: ['sms'],
  status: 'scheduled',
  meeting: { provider: 'builtin', meetingId: 'm', organizerId: null, clinicianJoinUrl: 'https://rounds.example/room/m' },
  origin: { conversationId: 'c', teamId: null, channelId: null },
  timeZone: 'Europe/Amsterdam',
  createdBy: { id: 'aad-lee', name: 'Amy Lee' },
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 2,
  scheduleVersion: 1,
  cancelledAt: null,
  endedAt: null,
  announceIn: null,
  guests: [],
  admitWhenClinicianJoins: false,
} as Visit;

const byId = (body: Json[], id: string): Json => body.find((element) => element.id === id);

describe('visitFormCard', () => {
  it('is an Adaptive Card 1.5 whose actions are Universal Actions with Action.Submit fallbacks', () => {
    const result = json(visitFormCard(form));
    expect(result.version).toBe('1.5');
    const [confirm, discard] = result.actions;
    expect(confirm).toMatchObject({ type: 'Action.Execute', verb: 'visit.confirm', fallback: { type: 'Action.Submit', data: { verb: 'visit.confirm' } } });
    expect(discard).toMatchObject({ verb: 'visit.discard', fallback: { type: 'Action.Submit' } });
  });

  it('carries the idempotency key and the resolved patient and clinicians in the confirm data', () => {
    const confirm = json(visitFormCard(form)).actions[0];
    expect(confirm.data.form).toMatchObject({ key: 'key-1234567890', patient: { fhirId: 'pat-1' }, clinicians: [{ teamsUserId: '29:lee' }], clinicianNames: 'Dr Lee' });
  });

  it('names the resolved patient in words, never by id, and offers a search for another', () => {
    const card = visitFormCard(form);
    const body = json(card).body as Json[];
    expect(body.map((element): unknown => element.text)).toContain('Margaret Okafor · MRN MRN100 · born 1950-02-03');
    const search = byId(body, 'patientId');
    expect(search).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered', label: 'Or choose another patient', 'choices.data': { type: 'Data.Query', dataset: 'patients' } });
    expect(search.value).toBeUndefined();
    expect(search.isRequired).toBeUndefined();
    // A client without typeahead shows an input's value: the card holds no patient id a person could see.
    expect(JSON.stringify(body)).not.toContain('pat-1');
  });

  it("offers \"let them in when I'm ready\" as a toggle, off unless chosen", () => {
    const toggleOf = (card: Json): unknown => byId(card.body as Json[], 'admitWhenClinicianJoins');
    expect(toggleOf(json(visitFormCard(form)))).toMatchObject({ type: 'Input.Toggle', value: 'false' });
    expect(toggleOf(json(visitFormCard({ ...form, admitWhenClinicianJoins: true })))).toMatchObject({ value: 'true' });
  });

  it('offers the visit types with their default durations, the chosen one selected, and leaves an untyped duration to the type', () => {
    const card = json(visitFormCard({ ...form, visitType: 'family-call', durationMinutes: '' }));
    expect(byId(card.body as Json[], 'visitType')).toMatchObject({
      type: 'Input.ChoiceSet',
      value: 'family-call',
      choices: [
        { title: 'Video visit (30 min)', value: 'video' },
        { title: 'Family call (45 min)', value: 'family-call' },
      ],
    });
    expect(byId(card.body as Json[], 'durationMinutes')).not.toHaveProperty('value');
    expect((card.actions as Json[])[0]).toMatchObject({ data: { form: { visitTypes: form.visitTypes } } });
  });

  it('asks for the patient when none was found', () => {
    const search = byId(json(visitFormCard({ ...form, patient: null })).body, 'patientId');
    expect(search).toMatchObject({ label: 'Patient', isRequired: true, choices: [] });
  });

  it('shows an error right after the input of its field', () => {
    const body = json(visitFormCard(form, { error: { message: 'The visit time is in the past.', field: 'start' } })).body as Json[];
    const time = body.findIndex((element) => element.id === 'time');
    expect(body[time + 1]).toMatchObject({ type: 'TextBlock', text: 'The visit time is in the past.', color: 'Attention' });
  });

  it('shows an error without a field at the top', () => {
    const body = json(visitFormCard(form, { error: { message: 'Try again.', field: null } })).body as Json[];
    expect(body[1]).toMatchObject({ text: 'Try again.', color: 'Attention' });
  });

  it('says when times are in UTC because the zone is unknown', () => {
    expect(JSON.stringify(visitFormCard({ ...form, zoneKnown: false, timeZone: 'UTC' }))).toMatch(/Times are in UTC/);
    expect(JSON.stringify(visitFormCard(form))).not.toMatch(/Times are in UTC/);
  });
});

describe('visitPatientChoiceCard', () => {
  it('offers each match as an action that carries the typed values and the chosen patient', () => {
    const other = { ...form.patient!, fhirId: 'pat-2', mrn: 'MRN200' };
    const result = json(visitPatientChoiceCard(form, 'Margaret', [form.patient!, other]));
    const choices = result.body[2].actions as Json[];
    expect(choices.map((action) => String(action.title))).toEqual(['Margaret Okafor · MRN MRN100 · born 1950-02-03', 'Margaret Okafor · MRN MRN200 · born 1950-02-03']);
    expect(choices[1]).toMatchObject({ verb: 'visit.choose-patient', data: { patientId: 'pat-2', time: '15:00', form: { patient: { fhirId: 'pat-2' } } } });
  });
});

describe('visitCard', () => {
  it('shows the time in the viewer’s zone with the card date and time functions', () => {
    expect(JSON.stringify(visitCard({ visit, patientLink: null, viewerIds: [], timeZone: 'UTC' }))).toContain('{{DATE(2026-11-24T14:00:00Z, SHORT)}} {{TIME(2026-11-24T14:00:00Z)}}');
  });

  it('refreshes for at most 60 clinicians, and leaves userIds out rather than empty', () => {
    const many = Array.from({ length: 70 }, (_, i) => `29:user-${i}`);
    expect(json(visitCard({ visit, patientLink: null, viewerIds: many, timeZone: 'UTC' })).refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'visit.refresh', data: { visitId: 'visit-1' } },
    });
    expect(json(visitCard({ visit, patientLink: null, viewerIds: many, timeZone: 'UTC' })).refresh.userIds).toHaveLength(60);
    expect(json(visitCard({ visit, patientLink: null, viewerIds: [], timeZone: 'UTC' })).refresh).not.toHaveProperty('userIds');
  });

  it('offers join, patient link, reschedule, cancel with a confirm step, and resend for a live visit; Mark no-show from its start', () => {
    const actions = json(visitCard({ visit, patientLink: 'https://rounds.example/lobby/tok', viewerIds: ['29:lee'], timeZone: 'Europe/Amsterdam', now: new Date(visit.start.getTime() - 60_000) })).actions as Json[];
    expect(actions.map((action) => String(action.title))).toEqual(['Join', 'Copy patient link', 'Reschedule', 'Cancel visit', 'Resend invite']);
    const started = json(visitCard({ visit, patientLink: null, viewerIds: [], timeZone: 'UTC', now: visit.start })).actions as Json[];
    expect(started.at(-1)).toMatchObject({ type: 'Action.ShowCard', title: 'Mark no-show', card: { actions: [{ verb: 'visit.no-show', style: 'destructive', data: { card: 'visit' } }] } });
    expect(actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: 'https://rounds.example/room/m' });
    expect(JSON.stringify(actions[1])).toContain('https://rounds.example/lobby/tok');
    // The reschedule inputs start at the visit's time in the given zone.
    expect(actions[2]?.card.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'rescheduleDate', value: '2026-11-24' }), expect.objectContaining({ id: 'rescheduleTime', value: '15:00' })]));
    expect(actions[3]).toMatchObject({ type: 'Action.ShowCard', card: { actions: [{ type: 'Action.Execute', verb: 'visit.cancel', style: 'destructive' }] } });
    expect(actions[4]).toMatchObject({ verb: 'visit.resend', fallback: { type: 'Action.Submit' } });
  });

  it('says who is waiting for a visit with guests, and admits everyone or each person; offers "let them in when I\'m ready"', () => {
    const guests = [
      { id: 'g1', name: 'Ana Okafor', relationship: 'daughter', language: null, phone: '+15550001111', email: null },
      { id: 'g2', name: 'Luis Ortega', relationship: 'interpreter', language: 'Spanish', phone: null, email: 'luis@example.org' },
    ];
    const now = new Date('2026-11-24T14:05:00.000Z');
    const session = (participant: string, checkedInAt: Date | null) => ({
      visitId: 'visit-1', scheduleVersion: 1, participant, identifiedAt: null, deviceCheck: null, checkedInAt, clinicianNotifiedAt: null, admittedAt: null, admittedBy: null, messages: [],
    });
    const people = [
      { participant: 'patient', name: 'Margaret Okafor', guest: null, session: session('patient', new Date('2026-11-24T14:02:00.000Z')) },
      { participant: 'guest:g1', name: 'Ana Okafor', guest: guests[0]!, session: session('guest:g1', new Date('2026-11-24T14:01:00.000Z')) },
      { participant: 'guest:g2', name: 'Luis Ortega', guest: guests[1]!, session: session('guest:g2', null) },
    ];
    const result = json(
      visitCard({ visit: { ...visit, status: 'waiting', guests }, patientLink: null, viewerIds: [], timeZone: 'UTC', lobby: { session: people[0]!.session, now, people } }),
    );
    const text = JSON.stringify(result.body);
    expect(text).toContain('Margaret O. and 1 guest waiting · 4 min');
    expect(text).toContain('Ana Okafor (daughter), Luis Ortega (interpreter, Spanish)');
    expect(result.actions[0]).toMatchObject({ title: 'Admit everyone (2)', verb: 'visit.admit', data: { who: 'everyone', card: 'visit' } });
    const set = (result.body as { type: string; actions?: { title: string; data: { who?: string; on?: boolean } }[] }[]).find((element) => element.type === 'ActionSet');
    expect(set?.actions?.map((action) => [action.title, action.data.who ?? action.data.on])).toEqual([
      ['Admit Margaret Okafor', 'patient'],
      ['Admit Ana Okafor', 'guest:g1'],
      ["Let them in when I'm ready: off (turn on)", true],
    ]);
  });

  it('shows the newest message from the waiting room as plain text runs, not the clinic\'s own', () => {
    const now = new Date('2026-11-24T14:05:00.000Z');
    const session = {
      visitId: 'visit-1', scheduleVersion: 1, participant: 'patient', identifiedAt: null, deviceCheck: null, checkedInAt: new Date('2026-11-24T14:01:00.000Z'),
      clinicianNotifiedAt: null, admittedAt: null, admittedBy: null,
      messages: [
        { text: 'my camera does not work', at: new Date('2026-11-24T14:02:00.000Z'), from: 'Margaret O.', participant: 'patient' },
        { text: '**running** 5 minutes late', at: new Date('2026-11-24T14:03:00.000Z'), from: 'Margaret O.', participant: 'patient' },
        { text: 'We will call you', at: new Date('2026-11-24T14:04:00.000Z'), from: 'Amy Lee', participant: null },
      ],
    };
    const body = json(visitCard({ visit: { ...visit, status: 'waiting' }, patientLink: null, viewerIds: [], timeZone: 'UTC', lobby: { session, now } })).body as Json[];
    const rich = body.filter((element: Json) => element.type === 'RichTextBlock');
    expect(rich).toEqual([
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Margaret O.: ', weight: 'Bolder' }, { type: 'TextRun', text: '**running** 5 minutes late' }] },
    ]);
    expect(JSON.stringify(body)).not.toContain('We will call you');
    const completed = json(visitCard({ visit: { ...visit, status: 'completed' }, patientLink: null, viewerIds: [], timeZone: 'UTC', lobby: { session, now } })).body;
    expect(JSON.stringify(completed)).not.toContain('running');
  });

  it('has no change actions once the visit is cancelled or completed', () => {
    expect(json(visitCard({ visit: { ...visit, status: 'cancelled' }, patientLink: null, viewerIds: [], timeZone: 'UTC' })).actions).toEqual([]);
    expect(json(visitCard({ visit: { ...visit, status: 'completed' }, patientLink: null, viewerIds: [], timeZone: 'UTC' })).actions).toEqual([]);
  });
});

describe('visitListCard', () => {
  it('lists visits by time, each with a Join while live', () => {
    const later = { ...visit, id: 'visit-2', start: new Date('2026-11-24T16:00:00Z'), status: 'cancelled' as const };
    const result = json(visitListCard([later, visit], 'channel', 'Europe/Amsterdam'));
    const rows = (result.body as Json[]).filter((element) => element.type === 'Container');
    expect(rows.map((row) => String(row.items[0].text))).toEqual([
      '{{TIME(2026-11-24T14:00:00Z)}} · Margaret Okafor · MRN MRN100 · born 1950-02-03',
      '{{TIME(2026-11-24T16:00:00Z)}} · Margaret Okafor · MRN MRN100 · born 1950-02-03',
    ]);
    expect(rows[0].items).toHaveLength(3);
    expect(rows[1].items).toHaveLength(2);
  });

  it('says so when there is nothing today', () => {
    expect(JSON.stringify(visitListCard([], 'me', 'UTC'))).toMatch(/No visits today/);
  });
});
