import { serializeError } from './logging';

describe('serializeError', () => {
  it('keeps the type, code and stack frames but never the message, which may quote patient data', () => {
    const error = Object.assign(new Error('duplicate key value (mrn)=(MRN-48213) for Jane Doe'), { code: '23505' });

    const logged = serializeError(error);

    expect(logged).toMatchObject({ type: 'Error', code: '23505' });
    expect(String(logged.stack)).toMatch(/at /);
    expect(JSON.stringify(logged)).not.toMatch(/Jane|MRN-48213/);
  });

  it('follows the cause chain the same way', () => {
    const logged = serializeError(new Error('outer', { cause: new TypeError('inner Jane Doe') }));

    expect(logged.cause).toMatchObject({ type: 'TypeError' });
    expect(JSON.stringify(logged)).not.toContain('Jane');
  });
});
