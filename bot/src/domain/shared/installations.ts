/**
 * Where the bot is installed: one record per team channel, group chat or personal chat, holding the
 * conversation reference later features need to post proactively (visit cards, escalations).
 */
export type ConversationScope = 'team' | 'groupChat' | 'personal';

export interface Installation {
  conversationId: string;
  tenantId: string;
  scope: ConversationScope;
  /** Set for team channels; the General channel's id equals the team id. */
  teamId: string | null;
  channelId: string | null;
  /** The botbuilder ConversationReference, stored as-is (JSON). */
  reference: Record<string, unknown>;
  installedAt: Date;
  removedAt: Date | null;
}

export type InstallationInput = Omit<Installation, 'installedAt' | 'removedAt'>;

export interface InstallationStore {
  /** Records the installation (or refreshes its reference); `isNew` is true when it was not active before. */
  upsertActive(input: InstallationInput): Promise<{ isNew: boolean }>;
  /** Marks the installation removed; the record stays for audit. */
  markRemoved(conversationId: string): Promise<void>;
  get(conversationId: string): Promise<Installation | null>;
  listActive(tenantId: string): Promise<Installation[]>;
}
