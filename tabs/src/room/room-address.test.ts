import { lobbyPathOf, newPeerId, roomAddressOf } from './room-address';

describe('the room page address', () => {
  const at = (pathname: string, search = '') => roomAddressOf({ pathname, search });

  it('names the room, and the patient when the link carries their token', () => {
    expect(at('/rooms/AbCdEfGhIjKlMnOpQrSt_-')).toEqual({ roomId: 'AbCdEfGhIjKlMnOpQrSt_-', patientToken: null });
    expect(at('/rooms/AbCdEfGhIjKlMnOpQrSt_-/', '?patient=tok_en-123')).toEqual({ roomId: 'AbCdEfGhIjKlMnOpQrSt_-', patientToken: 'tok_en-123' });
  });

  it('is nothing for another path, a malformed room, or a mangled patient link (never a clinician by accident)', () => {
    expect(at('/tabs/room.html')).toBeNull();
    expect(at('/rooms/short')).toBeNull();
    expect(at('/rooms/AbCdEfGhIjKlMnOpQrSt_-/extra')).toBeNull();
    expect(at('/rooms/AbCdEfGhIjKlMnOpQrSt_-', '?patient=')).toBeNull();
    expect(at('/rooms/AbCdEfGhIjKlMnOpQrSt_-', '?patient=<script>')).toBeNull();
  });

  it('leads back to the waiting room', () => {
    expect(lobbyPathOf('tok_en-123')).toBe('/lobby/tok_en-123');
  });

  it('makes random peer ids the API accepts', () => {
    const id = newPeerId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newPeerId()).not.toBe(id);
  });
});
