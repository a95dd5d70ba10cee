import { findDuration } from './parse-duration';

describe('findDuration', () => {
  it.each([
    ['for 30 minutes', 30],
    ['for an hour', 60],
    ['45 min', 45],
    ['for 1.5 hours', 90],
    ['for half an hour', 30],
    ['for an hour and a half', 90],
    ['for 1 hour 15 minutes', 75],
    ['20m', 20],
    ['for two hours', 120],
  ])('reads "%s" as %i minutes', (text, minutes) => {
    expect(findDuration(`with Jane Doe tomorrow ${text} about pain`)?.minutes).toBe(minutes);
  });

  it('tells where the duration is, so the rest of the text can be read without it', () => {
    const text = 'tomorrow at 3pm for 30 minutes with Dr Lee';
    const match = findDuration(text)!;
    expect(text.slice(match.index, match.index + match.length)).toBe('for 30 minutes');
  });

  it('does not take "in 2 hours" (a start time) for a length', () => {
    expect(findDuration('in 2 hours with Jane')).toBeNull();
  });

  it('finds nothing when no length is given', () => {
    expect(findDuration('with Jane Doe tomorrow at 3pm')).toBeNull();
  });
});
