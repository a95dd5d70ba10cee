/**
 * Who "Dr Lee" or "cardiology on call" is: a role on the on-call roster, else a person of this team
 * or chat, else a person found in the teams Rounds is in. Several or no matches are a question back
 * to the sender, never a guess.
 */
import type { Actor } from '../../domain/shared/actor';
import type { Addressee, PeopleDirectory } from '../../domain/messages/message-types';
import { roleKey, type OnCallRoster } from '../../domain/messages/on-call-roster';
import { matchClinicians, type TeamMember } from '../visits/clinician-match';
import { withoutTitle } from '../visits/parse-visit-request';

export type AddresseeResult = { kind: 'found'; to: Addressee } | { kind: 'problem'; message: string };

export interface AddresseeDeps {
  roster: Pick<OnCallRoster, 'roles'>;
  people: PeopleDirectory;
}

const LOOKS_LIKE_ROLE = /\bon[\s-]?call$/i;
const MAX_CANDIDATES = 6;

export async function resolveAddressee(deps: AddresseeDeps, actor: Actor, typed: string, members: readonly TeamMember[] | null): Promise<AddresseeResult> {
  const wanted = typed.trim();
  const key = roleKey(wanted);
  const role = (await deps.roster.roles(actor)).find((candidate) => roleKey(candidate) === key);
  // A role nobody is on now still goes to the service, which tells the sender nobody is on duty.
  if (role || LOOKS_LIKE_ROLE.test(wanted)) return { kind: 'found', to: { kind: 'role', role: role ?? wanted } };

  const [here] = matchClinicians([wanted], members).clinicians;
  if (here?.aadObjectId) return { kind: 'found', to: { kind: 'person', person: { aadObjectId: here.aadObjectId, name: here.name, email: here.email } } };

  const found = await deps.people.search(actor.tenantId, withoutTitle(wanted), MAX_CANDIDATES);
  const [only] = found;
  if (found.length === 1 && only) return { kind: 'found', to: { kind: 'person', person: only } };
  if (found.length > 1) {
    const names = found.slice(0, 5).map((person) => person.name).join(', ');
    return { kind: 'problem', message: `Several people match "${wanted}": ${names}. Type the full name.` };
  }
  return { kind: 'problem', message: `I could not find "${wanted}" in the teams Rounds is in. Type their full name, or an on-call role such as "Cardiology on call".` };
}
