import { type MeetingsConfig } from '../config';
import { type MeetingProvider } from '../domain/visits/visit-types';
import { createBuiltinMeetingProvider } from './builtin-meeting-provider';
import { createGraphMeetingProvider, type GraphMeetingProviderDeps } from './graph-meeting-provider';

/** The meeting provider the configuration asks for (MEETING_PROVIDER, built-in rooms by default). */
export function createMeetingProvider(
  config: MeetingsConfig,
  options: { publicUrl: string; graph?: GraphMeetingProviderDeps; closeRoom?: (roomId: string) => Promise<void> },
): MeetingProvider {
  switch (config.kind) {
    case 'builtin':
      return createBuiltinMeetingProvider({ publicUrl: options.publicUrl, ...(options.closeRoom ? { closeRoom: options.closeRoom } : {}) });
    case 'graph':
      return createGraphMeetingProvider(config, options.graph);
  }
}
