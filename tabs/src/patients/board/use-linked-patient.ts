/** Opens the patient a link points at (see deep-link.ts), once, when the Patients page starts. */
import { useEffect, useEffectEvent, useState } from 'react';
import type { ChannelQuery } from '../../../../bot/src/contracts/lists-api';
import { ApiError } from '../../shared/api-error';
import { toApiError } from '../../shared/api-client';
import type { ApiClient } from '../../shared/api-client';
import type { HostContext } from '../../shared/teams-host';
import { linkedPatientRef } from '../deep-link';
import { findListEntries } from '../lists-api';

export interface PatientPlace {
  listId: string;
  entryId: string;
}

/** Calls `open` with where the linked patient is; answers why not when they cannot be found. */
export function useLinkedPatient(api: ApiClient, host: HostContext, channel: ChannelQuery, open: (place: PatientPlace) => void): ApiError | undefined {
  const [problem, setProblem] = useState<ApiError>();
  const onFound = useEffectEvent(open);
  const { teamId, channelId } = channel;

  useEffect(() => {
    let live = true;
    async function follow(): Promise<void> {
      const ref = await linkedPatientRef(host);
      if (!ref) return;
      const [place] = await findListEntries(api, { teamId, channelId }, ref);
      if (!live) return;
      if (place) onFound(place);
      else setProblem(new ApiError({ code: 'not_found', message: "The patient in this link is no longer on this channel's lists." }));
    }
    follow().catch((error: unknown) => {
      if (live) setProblem(toApiError(error));
    });
    return () => {
      live = false;
    };
  }, [api, host, teamId, channelId]);

  return problem;
}
