import type { ContactPoint, Patient } from './fhir-resources';
import { dstu2Mapper } from './map-dstu2';
import { r4Mapper } from './map-r4';
import { stu3Mapper } from './map-stu3';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const patient = (telecom: ContactPoint[]): Patient => ({ resourceType: 'Patient', id: 'p1', telecom });

describe.each([
  ['R4', r4Mapper],
  ['STU3', stu3Mapper],
])('telecom in %s', (_version, mapper) => {
  it('takes the best-ranked phone and email, a rank of 1 before an unranked mobile', () => {
    const telecom = mapper.telecom(
      patient([
        { system: 'phone', use: 'mobile', value: '+1 555 000 1111' },
        { system: 'phone', use: 'home', value: '+1 (555) 222-3333', rank: 1 },
        { system: 'email', use: 'work', value: 'work@example.org', rank: 2 },
        { system: 'email', use: 'home', value: 'home@example.org', rank: 1 },
      ]),
      NOW,
    );
    expect(telecom).toEqual({ phone: '+15552223333', email: 'home@example.org' });
  });

  it('counts an sms point as a mobile number and skips old and ended points', () => {
    const telecom = mapper.telecom(
      patient([
        { system: 'phone', use: 'old', value: '+15550000000' },
        { system: 'phone', use: 'mobile', value: '+15550000001', period: { end: '2025-01-01' } },
        { system: 'phone', use: 'home', value: '+15550000002' },
        { system: 'sms', value: '+15550000003' },
      ]),
      NOW,
    );
    expect(telecom).toEqual({ phone: '+15550000003', email: null });
  });
});

describe('telecom in DSTU2', () => {
  it('ignores rank, which DSTU2 does not define, and prefers a mobile by its use', () => {
    const telecom = dstu2Mapper.telecom(
      patient([
        { system: 'phone', use: 'home', value: '0044 20 7946 0000', rank: 1 },
        { system: 'phone', use: 'mobile', value: '0044 7700 900123' },
        { system: 'email', value: 'pat@example.org' },
      ]),
      NOW,
    );
    expect(telecom).toEqual({ phone: '+447700900123', email: 'pat@example.org' });
  });

  it('does not read an sms system, which DSTU2 does not have, as a phone', () => {
    expect(dstu2Mapper.telecom(patient([{ system: 'sms', value: '+15550000003' }]), NOW)).toEqual({ phone: null, email: null });
  });
});

describe('telecom in every version', () => {
  it('keeps a number without a country code as the EHR wrote it, and answers nothing for a patient without telecom', () => {
    expect(r4Mapper.telecom(patient([{ system: 'phone', value: ' (555) 010-2000 ' }]), NOW).phone).toBe('(555) 010-2000');
    expect(stu3Mapper.telecom({ resourceType: 'Patient', id: 'p2' }, NOW)).toEqual({ phone: null, email: null });
  });
});
