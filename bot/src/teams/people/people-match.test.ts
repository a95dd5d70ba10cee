import { matchPeople, type DirectoryPerson } from './people-match';

const person = (name: string, email: string | null = null, aadObjectId = name): DirectoryPerson => ({ aadObjectId, name, email });
const names = (people: DirectoryPerson[]) => people.map((found) => found.name);

describe('matchPeople', () => {
  const people = [person('Dr Sean O’Brien', 'sean.obrien@ward7.example'), person('Dr Amy Lee', 'amy_lee@ward7.example'), person('Renée Lebrun'), person('Leena Amy')];

  it('matches every typed word on a word start of the name or the email, ignoring case and accents', () => {
    expect(names(matchPeople(people, 'brien', 20))).toEqual(['Dr Sean O’Brien']);
    expect(names(matchPeople(people, 'OBRIEN', 20))).toEqual(['Dr Sean O’Brien']);
    expect(names(matchPeople(people, 'sean.ob', 20))).toEqual(['Dr Sean O’Brien']);
    expect(names(matchPeople(people, 'renee', 20))).toEqual(['Renée Lebrun']);
    expect(names(matchPeople(people, 'amy lee', 20))).toEqual(['Dr Amy Lee', 'Leena Amy']);
    expect(names(matchPeople(people, 'rien', 20))).toEqual([]);
    expect(names(matchPeople(people, '   ', 20))).toEqual([]);
  });

  it('lists names that start with the query first, then by name, each person once, up to the limit', () => {
    expect(names(matchPeople(people, 'le', 20))).toEqual(['Leena Amy', 'Dr Amy Lee', 'Renée Lebrun']);
    expect(names(matchPeople([...people, person('Dr Amy Lee (Cardiology)', null, 'DR AMY LEE')], 'amy', 20))).toEqual(['Dr Amy Lee', 'Leena Amy']);
    expect(names(matchPeople(people, 'le', 2))).toEqual(['Leena Amy', 'Dr Amy Lee']);
  });
});
