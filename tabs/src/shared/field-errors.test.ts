import { ApiError } from './api-error';
import { formErrors } from './field-errors';

const error = (field?: string) => new ApiError({ code: 'validation', message: 'Check this.', field });

describe('formErrors', () => {
  it('puts an error under the field it names', () => {
    const errors = formErrors(error('text'), ['priority', 'text']);

    expect(errors.field).toBe('text');
    expect(errors.messageFor('text')).toBe('Check this.');
    expect(errors.messageFor('priority')).toBeUndefined();
    expect(errors.formError).toBeUndefined();
  });

  it('finds the field at the end of a request path ("manual.birthDate", "connection/baseUrl")', () => {
    expect(formErrors(error('manual.birthDate'), ['name', 'birthDate']).field).toBe('birthDate');
    expect(formErrors(error('connection/baseUrl'), ['name', 'baseUrl']).field).toBe('baseUrl');
  });

  it('finds the field a path lies below when the form has no deeper one ("to.name" → to)', () => {
    expect(formErrors(error('to.name'), ['to', 'priority', 'text']).field).toBe('to');
  });

  it('leaves an error about no field of the form, or about none at all, to the banner', () => {
    for (const unplaced of [error('mode'), error()]) {
      const errors = formErrors(unplaced, ['name', 'baseUrl']);
      expect(errors.field).toBeUndefined();
      expect(errors.formError).toBe(unplaced);
      expect(errors.messageFor('name')).toBeUndefined();
    }
  });

  it('shows nothing when there is no error', () => {
    expect(formErrors(undefined, ['name'])).toMatchObject({ field: undefined, formError: undefined });
  });
});
