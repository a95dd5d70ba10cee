/** Who is asking, where, and in which time zone: read once per turn from the Teams activity. */
import type { TurnContext } from 'botbuilder';
import { AppError } from '../../domain/shared/app-error';
import type { ConversationScope } from '../../domain/shared/installations';
import type { Principal } from '../../domain/visits/visit-service';
import type { VisitOrigin } from '../../domain/visits/visit-types';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../domain/visits/zoned-time';
import { installationFromActivity } from '../installation-from-activity';
import type { RoundsTurnState } from '../turn-state';
import type { CardClinician } from './clinician-match';

export interface TurnFacts {
  tenantId: string;
  principal: Principal;
  scope: ConversationScope;
  /** As Teams sent it (a channel reply thread keeps its ";messageid=" part): where cards live. */
  conversationId: string;
  origin: VisitOrigin;
  caller: CardClinician;
  timeZone: string;
  zoneKnown: boolean;
}

export function turnFacts(context: TurnContext, state: RoundsTurnState): TurnFacts {
  const { activity } = context;
  const where = installationFromActivity(activity);
  const aadObjectId = activity.from?.aadObjectId;
  if (!where || !aadObjectId) throw new AppError('unauthenticated', 'I could not tell who you are. Please use Rounds from Microsoft Teams.');
  const name = activity.from.name ?? 'Clinician';
  const stored = state.user.timeZone;
  const zoneKnown = typeof stored === 'string' && isValidTimeZone(stored);
  return {
    tenantId: where.tenantId,
    principal: { kind: 'user', actor: { userId: aadObjectId, tenantId: where.tenantId, name } },
    scope: where.scope,
    conversationId: activity.conversation.id,
    origin: { conversationId: where.conversationId, teamId: where.teamId, channelId: where.channelId },
    caller: { aadObjectId, name, email: null, teamsUserId: activity.from.id },
    timeZone: zoneKnown ? stored : DEFAULT_TIME_ZONE,
    zoneKnown,
  };
}
