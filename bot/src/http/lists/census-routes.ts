import type { Logger } from 'pino';
import type { Server } from 'restify';
import { censusAddInput, censusQuery, censusSourcesQuery } from '../../contracts/lists-api';
import type { ListService } from '../../domain/lists/list-service';
import type { Authenticator } from '../auth/identity';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';

interface Deps {
  authenticator: Authenticator;
  lists: ListService;
  logger: Logger;
}

/** Whole-ward add (README, Patients tab API): find a ward or an attending, preview, add them all. */
export function registerCensusRoutes(server: Server, { authenticator, lists, logger }: Deps): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);

  server.get(
    '/api/census/sources',
    authed(async (req, res, identity) => {
      const query = parseInput(censusSourcesQuery, req.query);
      const channel = { tenantId: identity.tenantId, teamId: query.teamId, channelId: query.channelId };
      res.json({ sources: await lists.censusSources(identity, channel, query.kind, query.q) });
    }),
  );

  server.get(
    '/api/lists/:listId/census',
    authed(async (req, res, identity) => {
      const source = parseInput(censusQuery, req.query);
      const preview = await lists.censusPreview(identity, pathParam(req, 'listId'), source);
      res.json({
        patients: preview.patients.map(({ patient, location, onList }) => ({
          id: patient.id,
          name: patient.name,
          mrn: patient.mrn,
          birthDate: patient.birthDate,
          gender: patient.gender,
          location,
          onList,
        })),
        truncated: preview.truncated,
      });
    }),
  );

  server.post(
    '/api/lists/:listId/census',
    authed(async (req, res, identity) => {
      const input = parseInput(censusAddInput, req.body);
      res.json(await lists.addCensus(identity, pathParam(req, 'listId'), { kind: input.kind, id: input.id }, input.patientIds));
    }),
  );
}
