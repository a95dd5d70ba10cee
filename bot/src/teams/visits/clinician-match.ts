/**
 * Matches clinician names typed in a request ("Dr Lee") against the people of the team or chat.
 * A name matching exactly one person becomes that person; anything else is kept as typed, with a
 * warning the confirm card shows, so nobody is booked by a guess.
 */
import type { Clinician } from '../../domain/visits/visit-types';
import { withoutTitle } from './parse-visit-request';

/** A member of a team or chat, as the Bot Connector lists them. */
export interface TeamMember {
  /** The Teams user id ("29:..."), what card refresh lists name. */
  teamsUserId: string;
  aadObjectId: string | null;
  name: string;
  email: string | null;
}

export interface CardClinician extends Clinician {
  /** Known when the clinician was matched among the team members or is the caller. */
  teamsUserId: string | null;
}

export interface ClinicianMatch {
  clinicians: CardClinician[];
  warnings: string[];
}

const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

function memberTokens(member: TeamMember): Set<string> {
  const emailName = (member.email ?? '').split('@')[0] ?? '';
  return new Set([...tokens(member.name), ...tokens(emailName.replace(/[._]/g, ' '))]);
}

function matches(typed: string[], member: TeamMember): boolean {
  const known = memberTokens(member);
  return typed.length > 0 && typed.every((token) => known.has(token));
}

export const fromMember = (member: TeamMember): CardClinician => ({
  aadObjectId: member.aadObjectId,
  name: member.name,
  email: member.email,
  teamsUserId: member.teamsUserId,
});

export const typedOnly = (name: string): CardClinician => ({ aadObjectId: null, name, email: null, teamsUserId: null });

export function matchClinicians(names: readonly string[], members: readonly TeamMember[] | null): ClinicianMatch {
  const clinicians: CardClinician[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const typed = tokens(withoutTitle(name));
    const found = (members ?? []).filter((member) => matches(typed, member));
    const [only] = found;
    if (found.length === 1 && only) {
      if (!clinicians.some((clinician) => clinician.teamsUserId === only.teamsUserId)) clinicians.push(fromMember(only));
      continue;
    }
    clinicians.push(typedOnly(name));
    if (members === null) warnings.push(`${name} is kept as typed: I can look people up only in a team or group chat.`);
    else if (found.length > 1) warnings.push(`Several people here match ${name}: kept as typed. Type the full name to pick one.`);
    else warnings.push(`${name} is not a member here: kept as typed, without a Teams account.`);
  }
  return { clinicians, warnings };
}
