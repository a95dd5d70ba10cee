import { dateTimeFormat } from './date-time-format';

describe('dateTimeFormat', () => {
  const instant = new Date('2025-03-11T15:05:00Z');

  it('formats as Intl.DateTimeFormat does with the same locale and options', () => {
    const options: Intl.DateTimeFormatOptions = { weekday: 'long', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Paris' };
    expect(dateTimeFormat('en-GB', options).format(instant)).toBe(new Intl.DateTimeFormat('en-GB', options).format(instant));
    expect(dateTimeFormat(undefined, { timeZone: 'UTC' }).format(instant)).toBe(new Intl.DateTimeFormat(undefined, { timeZone: 'UTC' }).format(instant));
  });

  it('builds one formatter per locale and options, and another for any difference', () => {
    const paris = dateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/Paris' });
    expect(dateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Europe/Paris' })).toBe(paris);
    expect(dateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' })).not.toBe(paris);
    expect(dateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: 'Europe/Paris' })).not.toBe(paris);
    expect(dateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'UTC' }).format(instant)).toBe('15:05');
    expect(paris.format(instant)).toBe('16:05');
  });
});
