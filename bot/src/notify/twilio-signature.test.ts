import { isValidTwilioSignature, parseForm, twilioSignature } from './twilio-signature';

// The worked example in Twilio's webhook security documentation.
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
const SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

describe('Twilio webhook signatures', () => {
  it("reproduces Twilio's documented example", () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe(SIGNATURE);
    expect(isValidTwilioSignature(TOKEN, URL, PARAMS, SIGNATURE)).toBe(true);
  });

  it('refuses a changed parameter, URL or token, and a missing signature', () => {
    expect(isValidTwilioSignature(TOKEN, URL, { ...PARAMS, Digits: '9999' }, SIGNATURE)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, `${URL}&x=1`, PARAMS, SIGNATURE)).toBe(false);
    expect(isValidTwilioSignature('other', URL, PARAMS, SIGNATURE)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, URL, PARAMS, undefined)).toBe(false);
  });

  it("accepts the URL with the scheme's default port written out, as Twilio may sign it", () => {
    const signedWithPort = twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', PARAMS);
    expect(isValidTwilioSignature(TOKEN, URL, PARAMS, signedWithPort)).toBe(true);
  });

  it('parses a form body, decoding + and keeping repeated names', () => {
    expect(parseForm('From=%2B61400111222&Body=stop+please&A=1&A=2')).toEqual({ From: '+61400111222', Body: 'stop please', A: ['1', '2'] });
  });
});
