import type { Visit } from '../domain/visits/visit-types';
import { builtinRoomId, createBuiltinMeetingProvider } from './builtin-meeting-provider';

const visit = (id: string) => ({ id }) as Visit;

describe('built-in meeting provider', () => {
  const provider = createBuiltinMeetingProvider({ publicUrl: 'https://rounds.contoso.example/' });

  it('gives the same room for the same visit, every time', async () => {
    const first = await provider.create(visit('visit-1'));
    const again = await createBuiltinMeetingProvider({ publicUrl: 'https://rounds.contoso.example' }).create(visit('visit-1'));

    expect(again).toEqual(first);
    expect(first).toEqual({
      provider: 'builtin',
      meetingId: builtinRoomId('visit-1'),
      organizerId: null,
      clinicianJoinUrl: `https://rounds.contoso.example/rooms/${builtinRoomId('visit-1')}`,
    });
  });

  it('gives different visits different rooms whose ids do not reveal the visit id', async () => {
    const one = await provider.create(visit('visit-1'));
    const two = await provider.create(visit('visit-2'));

    expect(one.meetingId).not.toBe(two.meetingId);
    expect(one.meetingId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(one.clinicianJoinUrl).not.toContain('visit-1');
  });

  it('has nothing to move or remove', async () => {
    const meeting = await provider.create(visit('visit-1'));

    await expect(provider.reschedule(visit('visit-1'), meeting)).resolves.toBeUndefined();
    await expect(provider.cancel(visit('visit-1'), meeting)).resolves.toBeUndefined();
  });
});
