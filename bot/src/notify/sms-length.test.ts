import { smsLength } from './sms-length';

describe('smsLength', () => {
  it('fits 160 plain characters in one message and splits longer text into 153-character parts', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ characters: 160, segments: 1, encoding: 'gsm7' });
    expect(smsLength('a'.repeat(161))).toEqual({ characters: 161, segments: 2, encoding: 'gsm7' });
    expect(smsLength('a'.repeat(307))).toEqual({ characters: 307, segments: 3, encoding: 'gsm7' });
  });

  it('counts GSM-7 extension characters twice', () => {
    expect(smsLength('{x}€')).toEqual({ characters: 7, segments: 1, encoding: 'gsm7' });
  });

  it('turns the whole text UCS-2 for one character outside GSM-7', () => {
    expect(smsLength(`${'a'.repeat(69)}’`)).toEqual({ characters: 70, segments: 1, encoding: 'ucs2' });
    expect(smsLength(`${'a'.repeat(70)}’`)).toEqual({ characters: 71, segments: 2, encoding: 'ucs2' });
  });
});
