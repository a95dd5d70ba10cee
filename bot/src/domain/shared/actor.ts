/** Who acts, and in which team's channel: the identity every use case checks. */

export interface ChannelRef {
  tenantId: string;
  teamId: string;
  channelId: string;
}

/** Who acts: from the validated Teams SSO token (or the dev identity). */
export interface Actor {
  userId: string;
  tenantId: string;
  name: string;
}

/** Only members of a team may read or change what belongs to it. */
export interface TeamMembership {
  isMember(actor: Actor, teamId: string): Promise<boolean>;
}
