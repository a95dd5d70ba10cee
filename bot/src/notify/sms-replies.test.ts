/** What a patient's SMS reply does, on the reply, opt-out, visit and lobby twins over one set of tables. */
import { zonedLabel } from '../domain/visits/zoned-time';
import { MemoryLobbyStore } from '../storage/memory/memory-lobby-store';
import { MemoryOptOutStore } from '../storage/memory/memory-settings-stores';
import { MemorySmsReplyStore } from '../storage/memory/memory-sms-reply-store';
import { MemoryTables } from '../storage/memory/memory-tables';
import { MemoryVisitStore } from '../storage/memory/memory-visit-store';
import { answers, handleSmsReply } from './sms-replies';

const PHONE = '+61400111222';
const START = new Date('2026-12-10T04:30:00Z');

async function setup(options: { withVisit?: boolean } = {}) {
  let now = new Date('2026-12-07T08:00:00Z');
  const tables = new MemoryTables(() => now);
  const visits = new MemoryVisitStore(tables);
  const lobby = new MemoryLobbyStore(tables);
  const optOuts = new MemoryOptOutStore();
  const deps = { replies: new MemorySmsReplyStore(tables), optOuts, now: () => now };
  let visitId = '';
  if (options.withVisit !== false) {
    const { visit } = await visits.create(
      {
        tenantId: 'tenant-a',
        patient: { fhirId: null, name: 'Maria Jones', givenName: 'Maria', mrn: null, birthDate: null },
        start: START,
        durationMinutes: 30,
        clinicians: [],
        reason: null,
        // Typed with spaces: the reply from the E.164 number still finds it.
        contact: { phone: '+61 400 111 222', email: null },
        notify: ['sms'],
        origin: { conversationId: null, teamId: null, channelId: null },
        timeZone: 'Australia/Adelaide',
        createdBy: { id: 'aad-lee', name: 'Dr Lee' },
      },
      null,
    );
    await visits.update(visit.id, 1, { status: 'scheduled' }, []);
    visitId = visit.id;
  }
  return {
    reply: (body: string) => handleSmsReply(deps, PHONE, body),
    optOuts,
    replies: async () => (await lobby.timeline(visitId)).filter((event) => event.actor === 'patient').map((event) => event.kind),
    cardJobs: () => tables.waitingJobs().filter((job) => job.job.kind === 'visit.card').length,
    nextDay: () => {
      now = new Date(now.getTime() + 24 * 3_600_000);
    },
  };
}

// The visit's time as the answers write it (the zone's name is whatever the runtime's ICU data calls it).
const when = zonedLabel(START, 'Australia/Adelaide');

describe('SMS replies', () => {
  it('Y confirms the number’s next visit on its timeline and card, and says so once a day', async () => {
    const sms = await setup();
    expect(await sms.reply(' yes! ')).toEqual({ action: 'patient_confirmed', answer: answers.patient_confirmed(when) });
    expect(await sms.reply('Y')).toEqual({ action: 'patient_confirmed', answer: null });
    expect(await sms.replies()).toEqual(['patient_confirmed']);
    expect(sms.cardJobs()).toBe(1);
    // YES is also Twilio's opt-in word: the number is opted in as well.
    expect(await sms.optOuts.isOptedOut(PHONE)).toBe(false);
  });

  it('N asks for cancellation (the visit stays scheduled), and a later Y confirms again', async () => {
    const sms = await setup();
    expect(await sms.reply('n')).toEqual({ action: 'cancel_requested', answer: answers.cancel_requested(when) });
    expect(await sms.reply('Y')).toMatchObject({ action: 'patient_confirmed' });
    expect(await sms.replies()).toEqual(['cancel_requested', 'patient_confirmed']);
  });

  it('CANCEL asks for cancellation and opts the number out, so nothing of ours answers it', async () => {
    const sms = await setup();
    expect(await sms.reply('CANCEL')).toEqual({ action: 'cancel_requested', answer: null });
    expect(await sms.optOuts.isOptedOut(PHONE)).toBe(true);
    expect(await sms.replies()).toEqual(['cancel_requested']);
  });

  it('STOP and START change the opt-out only, leaving the answer to Twilio', async () => {
    const sms = await setup();
    expect(await sms.reply('stop')).toEqual({ action: 'opt_out', answer: null });
    expect(await sms.optOuts.isOptedOut(PHONE)).toBe(true);
    expect(await sms.reply('START')).toEqual({ action: 'opt_in', answer: null });
    expect(await sms.optOuts.isOptedOut(PHONE)).toBe(false);
    expect(await sms.replies()).toEqual([]);
  });

  it('answers anything else once per visit and day, never in a loop', async () => {
    const sms = await setup();
    expect(await sms.reply('What time?')).toEqual({ action: 'unrecognised', answer: answers.unrecognised(when) });
    expect(await sms.reply('Hello?')).toEqual({ action: 'unrecognised', answer: null });
    sms.nextDay();
    expect((await sms.reply('Hello?')).answer).toBe(answers.unrecognised(when));
    expect(await sms.replies()).toEqual([]);
  });

  it('gives a number without an upcoming visit one generic line, then nothing', async () => {
    const sms = await setup({ withVisit: false });
    expect(await sms.reply('Y')).toEqual({ action: 'no_visit', answer: answers.no_visit });
    expect(await sms.reply('Y')).toEqual({ action: 'no_visit', answer: null });
  });
});
