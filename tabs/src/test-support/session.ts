/** Builds the TabSession a page receives, over a fake API, for page tests that skip TabRoot. */
import { connectApi } from '../shared/api-client';
import type { TabSession } from '../shared/tab-root';
import type { HostContext } from '../shared/teams-host';
import { devClientConfig, fakeApi } from './fake-api';
import type { FakeApi, FakeRoute } from './fake-api';
import type { ClientConfig } from '../../../bot/src/contracts/api';

export const browserHost: HostContext = { inTeams: false, theme: 'default', teamId: 'team-1', channelId: 'channel-1', locale: 'en-US' };

export interface SessionOptions {
  host?: Partial<HostContext>;
  clientConfig?: ClientConfig;
}

/** The fake answers `/api/client-config` itself, then only `routes`. */
export async function sessionWith(routes: FakeRoute[], options: SessionOptions = {}): Promise<{ session: TabSession; api: FakeApi }> {
  const host = { ...browserHost, ...options.host };
  const api = fakeApi([{ method: 'GET', url: '/api/client-config', json: options.clientConfig ?? devClientConfig }, ...routes]);
  const client = await connectApi({ inTeams: host.inTeams, getToken: () => Promise.resolve('sso-token'), fetch: api.fetch });
  return { session: { host, api: client }, api };
}
