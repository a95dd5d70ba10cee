/**
 * Virtual visits and their lobby: scheduling, meetings (built-in rooms or Graph), patient and guest
 * links, the waiting room, admitting, the built-in rooms, visit cards in Teams, figures and webhooks.
 */
import { LobbyService } from '../domain/lobby/lobby-service';
import { VisitService } from '../domain/visits/visit-service';
import { tabAnnounceTarget } from '../domain/visits/team-settings';
import { VisitTypeCatalog } from '../domain/visits/visit-type-catalog';
import { VisitStatsService } from '../domain/visits/visit-stats';
import { registerLobbyActionRoutes } from '../http/lobby/lobby-action-routes';
import { registerLobbyApiRoutes } from '../http/lobby/lobby-api-routes';
import { registerLobbyRoutes } from '../http/lobby/lobby-routes';
import { registerRoomRoutes } from '../http/lobby/room-routes';
import { registerIntegrationVisitsRoutes } from '../http/visits/integration-visits-routes';
import { registerPatientVisitRoutes } from '../http/visits/patient-visit-routes';
import { registerVisitBoardRoutes } from '../http/visits/visit-board-routes';
import { registerVisitQueueEventsRoutes } from '../http/visits/visit-queue-events-routes';
import { registerVisitStatsRoutes } from '../http/visits/visit-stats-routes';
import { registerVisitTypeRoutes } from '../http/visits/visit-type-routes';
import { createMeetingProvider } from '../meetings/create-meeting-provider';
import { LobbyHub } from '../realtime/lobby-hub';
import { RoomSignals } from '../realtime/room-signals';
import { VisitQueueHub } from '../realtime/visit-queue-hub';
import { createLinkTokens } from '../secrets/link-tokens';
import { SqlLobbyStore } from '../storage/sql-lobby-store';
import { SqlRoomDirectory } from '../storage/sql-room-directory';
import { SqlTeamSettingsStore } from '../storage/sql-team-settings-store';
import { SqlVisitStatsStore } from '../storage/sql-visit-stats-store';
import { SqlVisitStore } from '../storage/sql-visit-store';
import { SqlVisitTypeStore } from '../storage/sql-visit-type-store';
import { SqlWebhookCursor } from '../storage/sql-webhook-cursor';
import { lobbyAlertJob } from '../teams/lobby/lobby-alert-job';
import { visitCardJobHandlers } from '../teams/visits/visit-card-jobs';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { warnOnFailure, type Capability } from './capability';
import type { Lists } from './lists';
import type { Platform } from './platform';

export interface Visits extends Capability {
  visits: VisitService;
  lobby: LobbyService;
  store: SqlVisitStore;
  visitTypes: VisitTypeCatalog;
  teamSettings: SqlTeamSettingsStore;
}

export async function composeVisits(platform: Platform, { lists }: Pick<Lists, 'lists'>): Promise<Visits> {
  const { db, audit, deployment, config, logger, now, installations, conversations, personalChats } = platform;
  const { authenticator, membership } = deployment;
  const store = new SqlVisitStore(db);
  const roomSignals = new RoomSignals(db, logger);
  const meetings = createMeetingProvider(config.meetings, { publicUrl: config.publicUrl, closeRoom: (roomId) => roomSignals.closeRoom(roomId) });
  const tokens = createLinkTokens(platform.secretsKey);
  const visits = new VisitService({
    store,
    meetings,
    tokens,
    audit,
    membership,
    settings: { reminderOffsetsMinutes: config.reminderOffsetsMinutes, publicUrl: config.publicUrl },
    now,
  });
  const visitTypes = new VisitTypeCatalog({ store: new SqlVisitTypeStore(db), audit, now });
  const teamSettings = new SqlTeamSettingsStore(db);
  const lobbyHub = new LobbyHub(db);
  await lobbyHub.start();
  const queueHub = new VisitQueueHub(db);
  await queueHub.start();
  const lobby = new LobbyService({
    visits: store,
    audit,
    lobby: new SqlLobbyStore(db),
    events: lobbyHub,
    tokens,
    membership,
    settings: config.lobby,
    meetings,
    // Rounds sees who is in its own rooms only; a Teams meeting's visit ends at its end time.
    presence: {
      presence: async (visit, at) => (visit.meeting?.provider === 'builtin' ? roomSignals.occupancy(visit.meeting.meetingId, at) : null),
      clinicianPresent: async (visit) => visit.meeting?.provider === 'builtin' && (await roomSignals.hasPresent(visit.meeting.meetingId, 'clinician')),
      // A clinician's peers are owned as 'clinician:<id>'; the timeline names them by id.
      inRoom: async (visit) =>
        visit.meeting?.provider === 'builtin' ? (await roomSignals.presentOwners(visit.meeting.meetingId)).map((owner) => owner.replace(/^clinician:/, '')) : [],
    },
    // Built-in rooms let the patient in with their link; a Teams meeting is joined by its own link.
    patientMeetingUrl: (visit, token) =>
      visit.meeting?.provider === 'builtin' ? `${visit.meeting.clinicianJoinUrl}?patient=${token}` : (visit.meeting?.clinicianJoinUrl ?? ''),
    now,
  });
  const webhooks = config.webhook ? new WebhookDispatcher(config.webhook, new SqlWebhookCursor(db), logger, { now }) : null;

  return {
    visits,
    lobby,
    store,
    visitTypes,
    teamSettings,
    jobHandlers: {
      ...visitCardJobHandlers({ store, visits, lobby, deliveries: platform.outbox, now, installations, conversations, logger }),
      'lobby.alert': lobbyAlertJob({ lobby, store, installations, personalChats, conversations, now, logger }),
      'visit.auto-end': (job) => lobby.autoEnd(job.visitId, job.reason),
      'visit.meeting-end': (job) => lobby.endMeeting(job.visitId),
      'visit.ended': ({ kind: _kind, ...line }) => lobby.writeEndedLine(line),
    },
    registerRoutes(server) {
      registerIntegrationVisitsRoutes(server, {
        visits,
        lobby,
        types: visitTypes,
        apiKey: config.integrationApiKey,
        tenantId: deployment.tenantId,
        directory: (tenantId) => platform.directories.organisationDefault(tenantId),
        logger,
      });
      registerPatientVisitRoutes(server, {
        authenticator,
        lists,
        visits,
        types: visitTypes,
        announceIn: (tenantId, team) => tabAnnounceTarget({ settings: teamSettings, installations }, tenantId, team),
        now,
        logger,
      });
      registerVisitTypeRoutes(server, { authenticator, types: visitTypes, logger });
      registerVisitBoardRoutes(server, { authenticator, visits, logger });
      registerVisitQueueEventsRoutes(server, { authenticator, visits, hub: queueHub, logger });
      registerVisitStatsRoutes(server, { authenticator, stats: new VisitStatsService({ store: new SqlVisitStatsStore(db), membership, audit }), logger });
      registerLobbyRoutes(server, { tabsDir: config.tabsDir, logger });
      registerLobbyActionRoutes(server, { authenticator, lobby, logger });
      registerLobbyApiRoutes(server, {
        lobby,
        hub: lobbyHub,
        settings: config.lobby,
        isGenuineLink: (token) => tokens.verify(token) !== null,
        secureCookies: config.publicUrl.startsWith('https:'),
        logger,
      });
      registerRoomRoutes(server, {
        authenticator,
        lobby,
        rooms: new SqlRoomDirectory(db),
        signals: roomSignals,
        iceServers: config.roomIceServers,
        maxParticipants: config.roomMaxParticipants,
        tabsDir: config.tabsDir,
        logger,
      });
    },
    start: async () => {
      await webhooks?.start();
    },
    stop: async () => {
      await webhooks?.stop();
      await lobbyHub.stop().catch(warnOnFailure(logger, 'listening for lobby events'));
      await queueHub.stop().catch(warnOnFailure(logger, 'listening for visit queue events'));
    },
  };
}
