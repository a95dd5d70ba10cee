/**
 * How many messages an SMS text costs: GSM-7 holds 160 characters (153 per part when split), and
 * one character outside GSM-7 makes the whole text UCS-2 (70, 67 per part). Characters of GSM-7's
 * extension table take two.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsLengthInfo {
  characters: number;
  segments: number;
  encoding: 'gsm7' | 'ucs2';
}

export function smsLength(text: string): SmsLengthInfo {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else gsm = false;
  }
  if (gsm) return { characters: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153), encoding: 'gsm7' };
  // UCS-2 counts UTF-16 code units: an emoji takes two.
  const units = text.length;
  return { characters: units, segments: units <= 70 ? 1 : Math.ceil(units / 67), encoding: 'ucs2' };
}
