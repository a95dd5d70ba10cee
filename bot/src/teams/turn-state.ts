import type { DefaultConversationState, DefaultUserState, TurnState } from '@microsoft/teams-ai';

export interface RoundsUserState extends DefaultUserState {
  /** IANA time zone the user's Teams client reported last; used to show and parse times for them. */
  timeZone?: string;
}

export type RoundsTurnState = TurnState<DefaultConversationState, RoundsUserState>;
