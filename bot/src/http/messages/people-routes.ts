/** People search for the tabs' person pickers (contracts/people-api.ts), in the caller's organisation only. */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { peopleQuery, type PeopleResponse } from '../../contracts/people-api';
import type { PeopleDirectory } from '../../domain/messages/message-types';
import type { Authenticator } from '../auth/identity';
import { parseInput } from '../parse-input';
import { authedRoute } from '../route';

/** A picker shows this many at most; typing more narrows it down. */
const LIMIT = 20;

interface Deps {
  authenticator: Authenticator;
  people: PeopleDirectory;
  logger: Logger;
}

export function registerPeopleRoutes(server: Server, { authenticator, people, logger }: Deps): void {
  server.get(
    '/api/people',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const { q } = parseInput(peopleQuery, req.query);
      const found = await people.search(identity.tenantId, q, LIMIT);
      const body: PeopleResponse = { people: found.map((person) => ({ aadObjectId: person.aadObjectId, name: person.name, email: person.email })) };
      res.json(body);
    }),
  );
}
