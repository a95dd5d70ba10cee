import type { AppError } from '../shared/app-error';
import { MemoryRosterStore } from '../../storage/memory/memory-roster-store';
import type { Person, ShiftInput } from './message-types';
import { OnCallRoster, roleKey } from './on-call-roster';

const KIM = { userId: 'kim', tenantId: 't1', name: 'Dr Kim' };
const LEE: Person = { aadObjectId: 'lee', name: 'Dr Lee' };
const CHEN: Person = { aadObjectId: 'chen', name: 'Dr Chen' };
const at = (hour: number) => new Date(Date.UTC(2026, 10, 24, hour));

const memoryStore = () => new MemoryRosterStore();

const shift = (changes: Partial<ShiftInput> = {}): ShiftInput => ({ role: 'Cardiology on call', person: LEE, backup: CHEN, start: at(8), end: at(20), ...changes });

describe('role names', () => {
  it('match whatever the case, spacing, hyphen or "on call" suffix', () => {
    expect(roleKey('Cardiology on call')).toBe('cardiology');
    expect(roleKey('  cardiology   ON-CALL ')).toBe('cardiology');
    expect(roleKey('Cardiology oncall')).toBe('cardiology');
    expect(roleKey('Night registrar')).toBe('night registrar');
  });
});

describe('the on-call roster', () => {
  it('finds who is on duty at a time, the latest-started shift first', async () => {
    const roster = new OnCallRoster({ store: memoryStore(), now: () => at(12) });
    await roster.add(KIM, shift());
    await roster.add(KIM, shift({ person: CHEN, backup: LEE, start: at(11), end: at(13) }));
    expect((await roster.onDuty('t1', 'cardiology on-call'))?.person).toEqual(CHEN);
    expect((await roster.onDuty('t1', 'Cardiology', at(14)))?.person).toEqual(LEE);
    expect(await roster.onDuty('t1', 'Cardiology', at(20))).toBeNull();
    expect(await roster.onDuty('t2', 'Cardiology')).toBeNull();
    expect(await roster.onDuty('t1', 'on call')).toBeNull();
  });

  it('refuses a shift without a role, ending before it starts, longer than a week, or backed up by the same person', async () => {
    const roster = new OnCallRoster({ store: memoryStore(), now: () => at(12) });
    const refusal = (input: ShiftInput) => roster.add(KIM, input).then(() => null, (error: AppError) => [error.code, error.field]);
    expect(await refusal(shift({ role: ' on call ' }))).toEqual(['validation', 'role']);
    expect(await refusal(shift({ end: at(8) }))).toEqual(['validation', 'end']);
    expect(await refusal(shift({ end: new Date(at(8).getTime() + 8 * 86_400_000) }))).toEqual(['validation', 'end']);
    expect(await refusal(shift({ backup: { aadObjectId: 'LEE', name: 'Dr Lee' } }))).toEqual(['validation', 'backup']);
  });

  it('keeps the role as written, spaces tidied', async () => {
    const roster = new OnCallRoster({ store: memoryStore(), now: () => at(12) });
    expect((await roster.add(KIM, shift({ role: '  Renal   on call ' }))).role).toBe('Renal on call');
  });
});
