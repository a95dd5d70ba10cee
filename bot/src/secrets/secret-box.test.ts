import { randomBytes } from 'node:crypto';
import { createSecretBox } from './secret-box';

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const sealed = box.seal('client-secret-42');

    expect(sealed).not.toContain('client-secret-42');
    expect(box.open(sealed)).toBe('client-secret-42');
  });

  it('seals the same secret differently each time (random IV)', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered ciphertext and another key', () => {
    const sealed = box.seal('client-secret-42');
    const parts = sealed.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('x' + parts[3]).toString('base64url')].join('.');

    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });
});
