/**
 * Teams meetings through Microsoft Graph with an app-only token (OnlineMeetings.ReadWrite.All plus an
 * application access policy for the organizer). createOrGet keyed by the visit id makes create
 * idempotent; reschedule PATCHes the times; cancel DELETEs, and so does the end of a visit: Graph has
 * no "end meeting" for a meeting made by an app, and deleting it is what makes its join link stop
 * working (docs/meetings.md).
 */
import { z } from 'zod/v4';
import { type MeetingsConfig } from '../config';
import { AppError } from '../domain/shared/app-error';
import { type MeetingProvider, type Visit, type VisitMeeting, visitEnd } from '../domain/visits/visit-types';
import { createGraphClient, type GraphClientDeps } from '../graph/graph-client';
import { GraphFailure } from '../graph/graph-failure';
import { type GraphResponse, parseJson } from '../graph/graph-http';
import { meetingError, type MeetingOperation } from './graph-errors';

export type GraphMeetingsConfig = Extract<MeetingsConfig, { kind: 'graph' }>;

export type GraphMeetingProviderDeps = GraphClientDeps;

/** The subject shows in Teams, invites and the organizer's meeting list: never a patient's name or reason. */
export const MEETING_SUBJECT = 'Virtual visit';

/**
 * Rounds' lobby is the gate: the join link reaches the patient only when a clinician admits them, so
 * Teams' lobby lets everyone with the link straight in (no Graph API can admit from Teams' lobby, and
 * a patient held there waits for someone to notice). Dial-in callers carry no Rounds admission: they
 * still wait in Teams' lobby.
 */
const LOBBY_SETTINGS = {
  lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: false },
  allowedPresenters: 'organization',
} as const;

const onlineMeeting = z.object({
  id: z.string().min(1),
  // Clinicians open it as is: only a https link is one we hand on.
  joinWebUrl: z.string().regex(/^https:\/\//),
  startDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
  allowedPresenters: z.string().nullish(),
  lobbyBypassSettings: z.object({ scope: z.string().nullish(), isDialInBypassEnabled: z.boolean().nullish() }).nullish(),
});
type OnlineMeeting = z.infer<typeof onlineMeeting>;

type Method = 'POST' | 'PATCH' | 'DELETE';

export function createGraphMeetingProvider(config: GraphMeetingsConfig, deps: GraphMeetingProviderDeps = {}): MeetingProvider {
  const graph = createGraphClient(config, deps);
  const meetingsUrl = (organizerId: string) => `${config.graphBaseUrl}/users/${encodeURIComponent(organizerId)}/onlineMeetings`;
  const meetingUrl = (meeting: VisitMeeting) => `${meetingsUrl(meeting.organizerId ?? config.organizerId)}/${encodeURIComponent(meeting.meetingId)}`;

  const call = (operation: MeetingOperation, method: Method, url: string, body?: object): Promise<GraphResponse> =>
    graph.send({ method, url, operation: `${operation} ${method}`, body });

  async function patch(operation: MeetingOperation, url: string, changes: object): Promise<void> {
    const response = await call(operation, 'PATCH', url, changes);
    if (response.status !== 200 && response.status !== 204) throw meetingError(operation, response);
  }

  return {
    kind: 'graph',

    async create(visit) {
      // A clinician as organizer puts the meeting in their own Teams; the service account is the fallback.
      const organizerId = visit.clinicians.find((clinician) => clinician.aadObjectId)?.aadObjectId ?? config.organizerId;
      const times = meetingTimes(visit);
      const response = await call('create', 'POST', `${meetingsUrl(organizerId)}/createOrGet`, {
        externalId: visit.id,
        subject: MEETING_SUBJECT,
        ...times,
        participants: { attendees: attendees(visit, organizerId) },
      });
      if (response.status !== 200 && response.status !== 201) throw meetingError('create', response);
      const meeting = readMeeting(response);
      // 201: a new meeting, whose lobby is Teams' default. 200: createOrGet returns an existing meeting
      // unchanged, so settle what a failed earlier attempt or a move while pending left behind.
      const changes = response.status === 201 ? { ...LOBBY_SETTINGS } : drift(meeting, times);
      if (Object.keys(changes).length > 0) await patch('create', `${meetingsUrl(organizerId)}/${encodeURIComponent(meeting.id)}`, changes);
      return { provider: 'graph', meetingId: meeting.id, organizerId, clinicianJoinUrl: meeting.joinWebUrl };
    },

    async reschedule(visit, meeting) {
      // A built-in room made before Graph was switched on has nothing to move in Graph.
      if (meeting.provider !== 'graph') return;
      // Graph moves a meeting only when given both times.
      await patch('reschedule', meetingUrl(meeting), meetingTimes(visit));
    },

    cancel: (_visit, meeting) => remove('cancel', meeting),
    end: (_visit, meeting) => remove('end', meeting),
  };

  async function remove(operation: 'cancel' | 'end', meeting: VisitMeeting): Promise<void> {
    if (meeting.provider !== 'graph') return;
    const response = await call(operation, 'DELETE', meetingUrl(meeting));
    // 404: deleted already, by an earlier attempt or in Teams.
    if (response.status === 204 || response.status === 200 || response.status === 404) return;
    throw meetingError(operation, response);
  }
}

function meetingTimes(visit: Visit): { startDateTime: string; endDateTime: string } {
  return { startDateTime: visit.start.toISOString(), endDateTime: visitEnd(visit).toISOString() };
}

/** Clinicians with an Entra account, once each; the organizer is a participant already. */
function attendees(visit: Visit, organizerId: string) {
  const seen = new Set([organizerId.toLowerCase()]);
  return visit.clinicians.flatMap((clinician) => {
    const id = clinician.aadObjectId;
    if (!id || seen.has(id.toLowerCase())) return [];
    seen.add(id.toLowerCase());
    return [{ identity: { user: { id } }, ...(clinician.email ? { upn: clinician.email } : {}), role: 'attendee' as const }];
  });
}

function readMeeting(response: GraphResponse): OnlineMeeting {
  const parsed = onlineMeeting.safeParse(parseJson(response.text));
  if (parsed.success) return parsed.data;
  throw new AppError('unavailable', 'Microsoft Graph answered without a usable meeting link. Try again in a few minutes.', {
    cause: new GraphFailure('create', { status: response.status, code: 'no_join_url', requestId: response.headers.get('request-id') }),
  });
}

/** What an existing meeting needs to match this visit: its lobby settings and its times. */
function drift(meeting: OnlineMeeting, times: { startDateTime: string; endDateTime: string }): object {
  const lobby = meeting.lobbyBypassSettings;
  const lobbyOk =
    lobby?.scope === LOBBY_SETTINGS.lobbyBypassSettings.scope &&
    lobby.isDialInBypassEnabled !== true &&
    meeting.allowedPresenters === LOBBY_SETTINGS.allowedPresenters;
  const timesOk = sameInstant(meeting.startDateTime, times.startDateTime) && sameInstant(meeting.endDateTime, times.endDateTime);
  return { ...(lobbyOk ? {} : LOBBY_SETTINGS), ...(timesOk ? {} : times) };
}

/** Graph writes times its own way (e.g. seven fractional digits); compare instants, to the second. */
function sameInstant(graphTime: string | null | undefined, iso: string): boolean {
  const at = Date.parse(graphTime ?? '');
  return !Number.isNaN(at) && Math.abs(at - Date.parse(iso)) < 1000;
}
