import { AppError } from '../domain/shared/app-error';
import { formErrorOf, placeFormError } from './form-error';

describe('formErrorOf', () => {
  it('turns a refusal the user can act on into a form error at its field', () => {
    expect(formErrorOf(new AppError('validation', 'Enter a mobile number with its country code.', { field: 'patientContact.phone' }))).toEqual({
      field: 'patientContact.phone',
      message: 'Enter a mobile number with its country code.',
    });
    expect(formErrorOf(new AppError('unavailable', 'The EHR is not answering.'))).toEqual({ field: null, message: 'The EHR is not answering.' });
  });

  it('leaves an internal failure, or anything that is not an AppError, to the error card', () => {
    const internal = new AppError('internal', 'Something went wrong.');
    expect(() => formErrorOf(internal)).toThrow(internal);
    expect(() => formErrorOf(new TypeError('x is undefined'))).toThrow(TypeError);
  });
});

describe('placeFormError', () => {
  const inputs: Record<string, string> = { 'patientContact.phone': 'phone' };

  it('shows the message under the input its field maps to, and nowhere else', () => {
    const placed = placeFormError({ field: 'patientContact.phone', message: 'Check the number.' }, (field) => inputs[field]);

    expect(placed.top).toEqual([]);
    expect(placed.at('phone')).toEqual([expect.objectContaining({ text: 'Check the number.', color: 'Attention' })]);
    expect(placed.at('email')).toEqual([]);
  });

  it('shows an error about no input of the form at the top', () => {
    const placed = placeFormError({ field: 'somethingElse', message: 'The EHR is not answering.' }, (field) => inputs[field]);

    expect(placed.top).toEqual([expect.objectContaining({ text: 'The EHR is not answering.' })]);
    expect(placed.at('phone')).toEqual([]);
  });
});
