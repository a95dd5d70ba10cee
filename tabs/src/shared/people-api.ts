/** People search (contract: bot/src/contracts/people-api.ts), for any page that picks a clinician. */
import { peopleResponse } from '../../../bot/src/contracts/people-api';
import type { PeopleResponse } from '../../../bot/src/contracts/people-api';
import type { ApiClient } from './api-client';

export type PersonMatch = PeopleResponse['people'][number];

export async function searchPeople(api: ApiClient, q: string): Promise<PersonMatch[]> {
  return (await api.get('/api/people', peopleResponse, { q })).people;
}
