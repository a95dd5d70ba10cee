import { matchClinicians, type TeamMember } from './clinician-match';

const members: TeamMember[] = [
  { teamsUserId: '29:lee', aadObjectId: 'aad-lee', name: 'Amy Lee', email: 'amy.lee@hospital.example' },
  { teamsUserId: '29:patel', aadObjectId: 'aad-patel', name: 'Raj Patel', email: 'raj.patel@hospital.example' },
  { teamsUserId: '29:kim-a', aadObjectId: 'aad-kim-a', name: 'Ann Kim', email: null },
  { teamsUserId: '29:kim-s', aadObjectId: 'aad-kim-s', name: 'Sam Kim', email: null },
];

describe('matchClinicians', () => {
  it('matches a titled surname to the one member it names', () => {
    expect(matchClinicians(['Dr Lee', 'Dr. Raj Patel'], members)).toEqual({
      clinicians: [
        { aadObjectId: 'aad-lee', name: 'Amy Lee', email: 'amy.lee@hospital.example', teamsUserId: '29:lee' },
        { aadObjectId: 'aad-patel', name: 'Raj Patel', email: 'raj.patel@hospital.example', teamsUserId: '29:patel' },
      ],
      warnings: [],
    });
  });

  it('keeps an ambiguous name as typed, with a warning', () => {
    const match = matchClinicians(['Dr Kim'], members);
    expect(match.clinicians).toEqual([{ aadObjectId: null, name: 'Dr Kim', email: null, teamsUserId: null }]);
    expect(match.warnings).toEqual(['Several people here match Dr Kim: kept as typed. Type the full name to pick one.']);
  });

  it('keeps an unknown name as typed, with a warning', () => {
    const match = matchClinicians(['Dr Mystery'], members);
    expect(match.clinicians[0]).toMatchObject({ name: 'Dr Mystery', aadObjectId: null });
    expect(match.warnings[0]).toMatch(/Dr Mystery is not a member here/);
  });

  it('says why when there are no team members to look in', () => {
    expect(matchClinicians(['Dr Lee'], null).warnings[0]).toMatch(/only in a team or group chat/);
  });

  it('lists a person named twice once', () => {
    expect(matchClinicians(['Dr Lee', 'Amy Lee'], members).clinicians).toHaveLength(1);
  });
});
