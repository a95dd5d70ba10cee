/**
 * HTTP contract of the people search the tabs use to pick a clinician (message recipient, on-call
 * person or backup): `GET /api/people?q=<at least 2 characters>` → `{ people: Person[] }`, at most 20,
 * from the rosters of the teams Rounds is in (the signed-in user's tenant only).
 */
import { z } from 'zod/v4';

export const personDto = z.object({
  aadObjectId: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  /** The user principal name: what Teams' call deep link needs. */
  email: z.string().max(254).nullable().optional(),
});
export type PersonDto = z.infer<typeof personDto>;

export const peopleQuery = z.object({ q: z.string({ error: 'q is required' }).trim().min(2, 'q must have at least 2 characters').max(80) });

export const peopleResponse = z.object({ people: z.array(personDto.extend({ email: z.string().nullable() })) });
export type PeopleResponse = z.infer<typeof peopleResponse>;
