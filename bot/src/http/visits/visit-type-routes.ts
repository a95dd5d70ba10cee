/**
 * Visit types: every signed-in clinician reads them (the schedule dialogs offer them); Rounds
 * administrators (the Entra app role `Rounds.Admin`) create, change and reset or delete them, each
 * change audited by the catalog with the type's settings (types hold no patient data).
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { z } from 'zod/v4';
import { createVisitTypeInput, visitTypeSettingsInput, type VisitTypeDto, type VisitTypesResponse } from '../../contracts/visits-api';
import type { VisitType, VisitTypeCatalog } from '../../domain/visits/visit-type-catalog';
import { adminActor, type Authenticator } from '../auth/identity';
import { parseInput } from '../parse-input';
import { authedRoute } from '../route';

interface Deps {
  authenticator: Authenticator;
  types: VisitTypeCatalog;
  logger: Logger;
}

const keyParams = z.object({ key: z.string().min(1).max(40) });
const WHAT = 'visit types';

export const toVisitTypeDto = (type: VisitType): VisitTypeDto => ({
  key: type.key,
  name: type.name,
  defaultDurationMinutes: type.defaultDurationMinutes,
  telehealth: type.telehealth,
  templates: type.templates,
  builtIn: type.builtIn,
  edited: type.edited ? { by: type.edited.by, at: type.edited.at.toISOString() } : null,
});

export function registerVisitTypeRoutes(server: Server, { authenticator, types, logger }: Deps): void {
  server.get(
    '/api/visit-types',
    authedRoute(logger, authenticator, async (_req, res, identity) => {
      const body: VisitTypesResponse = { visitTypes: (await types.list(identity.tenantId)).map(toVisitTypeDto) };
      res.json(body);
    }),
  );

  server.post(
    '/api/admin/visit-types',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const actor = adminActor(identity, WHAT);
      const { key, ...settings } = parseInput(createVisitTypeInput, req.body);
      const created = await types.create(actor, settings, key);
      logger.info({ visitType: created.key }, 'visit type created');
      res.status(201);
      res.json(toVisitTypeDto(created));
    }),
  );

  server.put(
    '/api/admin/visit-types/:key',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const actor = adminActor(identity, WHAT);
      const { key } = parseInput(keyParams, req.params);
      const saved = await types.update(actor, key, parseInput(visitTypeSettingsInput, req.body));
      logger.info({ visitType: key }, 'visit type changed');
      res.json(toVisitTypeDto(saved));
    }),
  );

  server.del(
    '/api/admin/visit-types/:key',
    authedRoute(logger, authenticator, async (req, res, identity) => {
      const actor = adminActor(identity, WHAT);
      const { key } = parseInput(keyParams, req.params);
      const builtIn = await types.remove(actor, key);
      logger.info({ visitType: key }, builtIn ? 'visit type reset' : 'visit type deleted');
      if (builtIn) res.json(toVisitTypeDto(builtIn));
      else res.send(204);
    }),
  );
}
