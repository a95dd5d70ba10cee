import { tokenFromLocation } from './lobby-token';

const at = (pathname: string, search = '') => tokenFromLocation({ pathname, search });

describe('the link token in the address', () => {
  it('is the last part of /lobby/<token>', () => {
    expect(at('/lobby/AbC123-_xyz0987')).toBe('AbC123-_xyz0987');
    expect(at('/lobby/AbC123-_xyz0987/')).toBe('AbC123-_xyz0987');
  });

  it('may come as ?token= on the built page itself (local development)', () => {
    expect(at('/tabs/lobby.html', '?token=AbC123-_xyz0987')).toBe('AbC123-_xyz0987');
  });

  it('is missing, or not something we could have sent', () => {
    expect(at('/tabs/lobby.html')).toBeNull();
    expect(at('/lobby/')).toBeNull();
    expect(at('/lobby/short')).toBeNull();
    expect(at('/lobby/%3Cscript%3Ealert(1)%3C%2Fscript%3E')).toBeNull();
    expect(at('/lobby/%E0%A4%A')).toBeNull();
    expect(at('/lobby/abcdefghij/extra')).toBeNull();
  });
});
