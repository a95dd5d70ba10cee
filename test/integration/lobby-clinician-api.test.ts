/**
 * The clinicians' lobby actions from the tabs over real HTTP (dev identity): see who waits, admit
 * once, message the waiting patient, mark a no-show; and only the visit's clinicians and care team.
 */
import type { RoundsService } from '../../bot/src/rounds-service';
import { NO_SANDBOX, startRoundsForTest } from '../support/rounds-under-test';
import { seedVisit } from '../support/seed-visits';
import { api } from '../support/tab-api';
import { SERVICE_START_TIMEOUT_MS } from '../support/timeouts';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('clinician lobby actions', () => {
  let service: RoundsService;

  beforeAll(async () => {
    service = await startRoundsForTest({ ...NO_SANDBOX });
  }, SERVICE_START_TIMEOUT_MS);
  afterAll(() => service.close());

  /** A visit of the dev clinician whose patient is waiting; returns its id and the patient's link token. */
  async function waitingVisit(seed: Parameters<typeof seedVisit>[1]['clinicians'] = undefined) {
    const visit = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: inMinutes(5), ...(seed ? { clinicians: seed } : {}) });
    const token = await tokenOf(visit.id);
    const identify = await api(service, 'POST', `/api/lobby/${token}/identify`, {});
    const cookie = (identify.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await api(service, 'POST', `/api/lobby/${token}/check-in`, {}, { cookie })).status).toBe(200);
    return { id: visit.id, token };
  }

  async function tokenOf(visitId: string): Promise<string> {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const board = (await (await api(service, 'GET', `/api/me/visits?from=${today}&to=${tomorrow}&timeZone=UTC`)).json()) as {
      visits: { id: string; patientJoinUrl: string }[];
    };
    const link = board.visits.find((visit) => visit.id === visitId)?.patientJoinUrl ?? '';
    return new URL(link).pathname.split('/').pop() ?? '';
  }

  it('shows the waiting patient, admits once, and sends the patient into the room', async () => {
    const { id, token } = await waitingVisit();
    const lobby = (await (await api(service, 'GET', `/api/me/visits/${id}/lobby`)).json()) as { status: string; checkedInAt: string | null };
    expect(lobby).toMatchObject({ status: 'waiting', checkedInAt: expect.any(String) });

    const [first, second] = await Promise.all([api(service, 'POST', `/api/me/visits/${id}/admit`), api(service, 'POST', `/api/me/visits/${id}/admit`)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toMatchObject({ status: 'in_visit', admittedBy: 'Dev Clinician' });
    const timeline = (await (await api(service, 'GET', `/api/me/visits/${id}/lobby`)).json()) as { timeline: { kind: string }[] };
    expect(timeline.timeline.filter((event) => event.kind === 'admitted')).toHaveLength(1);

    const patient = (await (await api(service, 'GET', `/api/lobby/${token}`)).json()) as { phase: string; joinUrl: string };
    expect(patient.phase).toBe('admitted');
    expect(patient.joinUrl).toMatch(/\/rooms\/[^?]+\?patient=/);
  });

  it("puts the clinician's message in the patient's waiting room", async () => {
    const { id, token } = await waitingVisit();
    const sent = await api(service, 'POST', `/api/me/visits/${id}/message`, { text: 'Running about 10 minutes late' });
    expect(sent.status).toBe(200);
    const patient = (await (await api(service, 'GET', `/api/lobby/${token}`)).json()) as { messages: { text: string; from: string }[] };
    expect(patient.messages).toEqual([expect.objectContaining({ text: 'Running about 10 minutes late', from: 'Dev Clinician' })]);
    expect((await api(service, 'POST', `/api/me/visits/${id}/message`, { text: '' })).status).toBe(400);
  });

  it('marks a no-show of a patient who never checked in, and the patient page says the visit is over', async () => {
    const visit = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: inMinutes(10) });
    const token = await tokenOf(visit.id);
    expect(await (await api(service, 'POST', `/api/me/visits/${visit.id}/no-show`)).json()).toMatchObject({ status: 'no_show' });
    expect(await (await api(service, 'GET', `/api/lobby/${token}`)).json()).toMatchObject({ phase: 'ended' });
  });

  it('audits every lobby read and action of a clinician, naming the patient by reference only', async () => {
    const { id } = await waitingVisit();
    await api(service, 'GET', `/api/me/visits/${id}/lobby`);
    await api(service, 'POST', `/api/me/visits/${id}/message`, { text: 'Two minutes' });
    await api(service, 'POST', `/api/me/visits/${id}/admit`);
    await api(service, 'POST', `/api/me/visits/${id}/end`);
    const noShow = await seedVisit(service, { patient: { name: 'Jane Doe' }, start: inMinutes(10) });
    await api(service, 'POST', `/api/me/visits/${noShow.id}/no-show`);

    const rows = await service.db.query<{ action: string; user_id: string; patient_ref: string; detail: unknown }>(
      "SELECT action, user_id, patient_ref, detail FROM audit_log WHERE action LIKE 'lobby.%' AND detail->>'visitId' = ANY($1) ORDER BY at, id",
      [[id, noShow.id]],
    );
    // Each action answers with the lobby as it now is: that answer is a read too.
    expect(rows.map((row) => row.action)).toEqual(['lobby.view', 'lobby.message', 'lobby.view', 'lobby.admit', 'lobby.view', 'lobby.end', 'lobby.view', 'lobby.no_show', 'lobby.view']);
    expect(rows.every((row) => row.user_id === 'dev-user' && row.patient_ref.startsWith('visit:'))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/Jane|Doe/);
  });

  it("refuses someone who is neither the visit's clinician nor in its team", async () => {
    const { id, token } = await waitingVisit([{ aadObjectId: 'someone-else', name: 'Dr Other', email: null }]);
    const refused = await api(service, 'POST', `/api/me/visits/${id}/admit`);
    expect(refused.status).toBe(403);
    expect(await (await api(service, 'GET', `/api/lobby/${token}`)).json()).toMatchObject({ phase: 'waiting', joinUrl: null });
  });

  it('will not admit a patient who has not checked in', async () => {
    const visit = await seedVisit(service, { patient: { name: 'Early Bird' }, start: inMinutes(30), clinicians: [{ aadObjectId: 'dev-user', name: 'Dev Clinician', email: null }] });
    const response = await api(service, 'POST', `/api/me/visits/${visit.id}/admit`);
    expect(response.status).toBe(409);
  });
});
