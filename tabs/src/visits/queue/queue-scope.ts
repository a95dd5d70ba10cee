/**
 * Which visits a Visits channel tab shows: its own channel's, or the whole team's. Chosen on the
 * tab's settings page and kept in the tab's address (`visits-queue.html?scope=team`), which Teams
 * stores with the tab.
 */
import type { TabInstance } from '../../shared/teams-host';

export type QueueScope = 'channel' | 'team';

export const QUEUE_SCOPES: readonly { value: QueueScope; label: string }[] = [
  { value: 'channel', label: 'This channel’s visits (scheduled here)' },
  { value: 'team', label: 'The whole team’s visits (scheduled in any of its channels)' },
];

/** Anything but `team` is the channel's own: the narrower list is the safe default. */
export function scopeOf(search: string): QueueScope {
  return new URLSearchParams(search).get('scope') === 'team' ? 'team' : 'channel';
}

/** What Teams stores for a channel's Visits tab; the page is resolved next to the settings page. */
export function visitsTabInstance(channelId: string, scope: QueueScope, configPageUrl: string): TabInstance {
  const contentUrl = new URL(`visits-queue.html?scope=${scope}`, configPageUrl).href;
  return { contentUrl, websiteUrl: contentUrl, entityId: `visits-${channelId}`, suggestedDisplayName: 'Visits' };
}
