/**
 * Clinician messages for the tabs (contract: contracts/messages-api.ts). The patient and the care team
 * come from the list entry on the server; the browser only names the entry.
 */
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { z } from 'zod/v4';
import { replyInput, sendMessageInput } from '../../contracts/messages-api';
import type { ListService } from '../../domain/lists/list-service';
import type { MessageService } from '../../domain/messages/message-service';
import type { Authenticator } from '../auth/identity';
import { parseInput, pathParam } from '../parse-input';
import { authedRoute } from '../route';
import { toMessageDto, toThreadDtos } from './message-dtos';

interface Deps {
  authenticator: Authenticator;
  lists: ListService;
  messages: MessageService;
  logger: Logger;
}

// Message ids are UUIDs: anything else is refused before it reaches the database.
const messageId = z.uuid({ error: 'not a message id' });

export function registerClinicianMessageRoutes(server: Server, { authenticator, lists, messages, logger }: Deps): void {
  const authed = (handler: Parameters<typeof authedRoute>[2]) => authedRoute(logger, authenticator, handler);

  server.post(
    '/api/clinician-messages',
    authed(async (req, res, identity) => {
      const input = parseInput(sendMessageInput, req.body);
      const { patient, team } = await lists.messageContext(identity, input.listEntryId);
      const message = await messages.send(identity, {
        to: input.to,
        priority: input.priority,
        text: input.text,
        patient,
        team,
        idempotencyKey: input.idempotencyKey,
        senderCardInPersonalChat: true,
      });
      res.status(201);
      res.json(toMessageDto(message, identity));
    }),
  );

  server.get(
    '/api/lists/:listId/patients/:entryId/messages',
    authed(async (req, res, identity) => {
      const { patientRef, team } = await lists.messageRef(identity, pathParam(req, 'listId'), pathParam(req, 'entryId'));
      res.json({ threads: toThreadDtos(await messages.aboutPatient(identity, team, patientRef), identity) });
    }),
  );

  server.post(
    '/api/clinician-messages/:id/acknowledge',
    authed(async (req, res, identity) => {
      const { message } = await messages.acknowledge(identity, parseInput(messageId, pathParam(req, 'id')));
      res.json(toMessageDto(message, identity));
    }),
  );

  server.post(
    '/api/clinician-messages/:id/replies',
    authed(async (req, res, identity) => {
      const id = parseInput(messageId, pathParam(req, 'id'));
      const { text } = parseInput(replyInput, req.body);
      const { reply } = await messages.reply(identity, id, text);
      res.status(201);
      res.json(toMessageDto(reply, identity));
    }),
  );
}
