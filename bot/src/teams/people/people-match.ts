/**
 * Picks people for a typeahead: every word typed must start a word of the person's name or email
 * ("ok" finds "Dr Okafor", "lee@" finds "lee@ward7.example"), ignoring case and accents.
 */
import type { Person } from '../../domain/messages/message-types';

export type DirectoryPerson = Person & { email: string | null };

const fold = (text: string): string => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether `token` occurs in `text` at the start of a word (the text's start, or after a space, dot, @...). */
function startsAWord(text: string, token: string): boolean {
  for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
    if (at === 0 || !WORD_CHAR.test(text.charAt(at - 1))) return true;
  }
  return false;
}

/**
 * The matches in name order (names starting with what was typed first), each person once
 * (several teams list the same colleague), at most `limit`.
 */
export function matchPeople(people: readonly DirectoryPerson[], query: string, limit: number): DirectoryPerson[] {
  const typed = fold(query.trim());
  const tokens = typed.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return [];
  const seen = new Set<string>();
  const found: DirectoryPerson[] = [];
  for (const person of people) {
    const id = person.aadObjectId.toLowerCase();
    if (seen.has(id)) continue;
    const name = fold(person.name);
    const email = fold(person.email ?? '');
    if (tokens.every((token) => startsAWord(name, token) || startsAWord(email, token))) {
      seen.add(id);
      found.push(person);
    }
  }
  const rank = (person: DirectoryPerson) => (fold(person.name).startsWith(typed) ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)).slice(0, limit);
}
