import type { Logger } from 'pino';
import type { Server } from 'restify';
import { z } from 'zod/v4';
import {
  addPatientInput,
  channelQuery,
  createListInput,
  DEFAULT_COLUMNS,
  listEntriesQuery,
  manualPatientChanges,
  moveEntryInput,
  noteInput,
  searchQuery,
  updateListInput,
  type ColumnKey,
} from '../../contracts/lists-api';
import type { ListService } from '../../domain/lists/list-service';
import type { Authenticator, Identity } from '../auth/identity';
import { listsToCsv } from './lists-csv';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';
import { toListDto, toNoteDto, toRowDto, toSummaryDto } from './list-dtos';

interface Deps {
  authenticator: Authenticator;
  lists: ListService;
  logger: Logger;
}

const channelOf = (identity: Identity, input: { teamId: string; channelId: string }) => ({ tenantId: identity.tenantId, teamId: input.teamId, channelId: input.channelId });
const optionalChannelQuery = z.object({ teamId: z.string().optional(), channelId: z.string().optional() });

/** Without a channel, patient search and view go to the organisation's default EHR. */
const optionalChannel = (identity: Identity, input: { teamId?: string | undefined; channelId?: string | undefined }) =>
  input.teamId && input.channelId ? channelOf(identity, { teamId: input.teamId, channelId: input.channelId }) : null;

/** The Patients tab's lists API (documented in the README). */
export function registerListsRoutes(server: Server, { authenticator, lists, logger }: Deps): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);

  server.get(
    '/api/lists',
    authed(async (req, res, identity) => {
      const query = parseInput(channelQuery, req.query);
      res.json({ lists: (await lists.lists(identity, channelOf(identity, query))).map(toListDto) });
    }),
  );

  server.post(
    '/api/lists',
    authed(async (req, res, identity) => {
      const input = parseInput(createListInput, req.body);
      const columns: ColumnKey[] = input.columns ?? [...DEFAULT_COLUMNS];
      res.status(201);
      res.json(toListDto(await lists.createList(identity, channelOf(identity, input), { name: input.name, columns })));
    }),
  );

  server.patch(
    '/api/lists/:listId',
    authed(async (req, res, identity) => {
      const input = parseInput(updateListInput, req.body);
      res.json(toListDto(await lists.updateList(identity, pathParam(req, 'listId'), input)));
    }),
  );

  server.del(
    '/api/lists/:listId',
    authed(async (req, res, identity) => {
      await lists.deleteList(identity, pathParam(req, 'listId'));
      res.send(204);
    }),
  );

  server.get(
    '/api/lists/:listId',
    authed(async (req, res, identity) => {
      const view = await lists.viewList(identity, pathParam(req, 'listId'));
      res.json({ list: toListDto(view.list), rows: view.rows.map(toRowDto) });
    }),
  );

  server.get(
    '/api/lists/:listId/export.csv',
    authed(async (req, res, identity) => {
      const { list, rows } = await lists.exportRows(identity, pathParam(req, 'listId'));
      const timeZone = typeof (req.query as Record<string, unknown> | undefined)?.timeZone === 'string' ? String((req.query as Record<string, unknown>).timeZone) : 'UTC';
      const body = listsToCsv(list.columns, rows, new Date(), timeZone);
      res.header('Content-Type', 'text/csv; charset=utf-8');
      res.header('Content-Disposition', 'attachment; filename="rounding-list.csv"');
      res.header('Cache-Control', 'no-store');
      res.sendRaw(200, body);
    }),
  );

  server.post(
    '/api/lists/:listId/patients',
    authed(async (req, res, identity) => {
      const input = parseInput(addPatientInput, req.body);
      const patient = input.manual ? { manual: input.manual } : { patientId: input.patientId ?? '' };
      res.status(201);
      res.json(toRowDto(await lists.addPatient(identity, pathParam(req, 'listId'), patient)));
    }),
  );

  server.patch(
    '/api/lists/:listId/patients/:entryId',
    authed(async (req, res, identity) => {
      const manual = parseInput(manualPatientChanges, req.body);
      res.json(toRowDto(await lists.editManualPatient(identity, pathParam(req, 'listId'), pathParam(req, 'entryId'), manual)));
    }),
  );

  server.del(
    '/api/lists/:listId/patients/:entryId',
    authed(async (req, res, identity) => {
      await lists.removePatient(identity, pathParam(req, 'listId'), pathParam(req, 'entryId'));
      res.send(204);
    }),
  );

  server.post(
    '/api/lists/:listId/patients/:entryId/move',
    authed(async (req, res, identity) => {
      const input = parseInput(moveEntryInput, req.body);
      await lists.movePatient(identity, pathParam(req, 'listId'), pathParam(req, 'entryId'), input.toListId);
      res.send(204);
    }),
  );

  server.post(
    '/api/lists/:listId/patients/:entryId/notes',
    authed(async (req, res, identity) => {
      const input = parseInput(noteInput, req.body);
      res.status(201);
      res.json(toNoteDto(await lists.addNote(identity, pathParam(req, 'listId'), pathParam(req, 'entryId'), input.text)));
    }),
  );

  server.get(
    '/api/list-entries',
    authed(async (req, res, identity) => {
      const query = parseInput(listEntriesQuery, req.query);
      res.json({ entries: await lists.findEntries(identity, channelOf(identity, query), query.ref) });
    }),
  );

  server.get(
    '/api/patients/search',
    authed(async (req, res, identity) => {
      const query = parseInput(searchQuery, req.query);
      const found = await lists.search(identity, optionalChannel(identity, query), { query: query.q, limit: 20 });
      res.json({ patients: found.map((p) => ({ id: p.id, name: p.name, mrn: p.mrn, birthDate: p.birthDate, gender: p.gender })) });
    }),
  );

  server.get(
    '/api/patients/:patientId',
    authed(async (req, res, identity) => {
      const query = parseInput(optionalChannelQuery, req.query);
      const patientId = parseInput(z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'not a FHIR id'), pathParam(req, 'patientId'));
      res.json(toSummaryDto(await lists.patient(identity, optionalChannel(identity, query), patientId)));
    }),
  );
}
