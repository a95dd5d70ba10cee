/**
 * Wires the config form to Teams' own tab configuration dialog, whose Save button replaces ours:
 * Teams enables it when `canSave`, and on Save we store the mode, then tell Teams what tab to create.
 */
import { useEffect, useEffectEvent } from 'react';
import type { PatientsConfigQuery } from '../../../../bot/src/contracts/api';
import { toApiError } from '../../shared/api-client';
import { onConfigSave, setConfigValid } from '../../shared/teams-host';
import type { SaveResult } from './use-config-form';
import { patientsTabInstance } from './tab-instance';

export function useTeamsConfigSave(inTeams: boolean, canSave: boolean, channel: PatientsConfigQuery, save: () => Promise<SaveResult>): void {
  useEffect(() => {
    if (inTeams) setConfigValid(canSave);
  }, [inTeams, canSave]);

  // An Effect Event so the handler registered once still saves the mode picked last.
  const saveForTeams = useEffectEvent(async () => {
    const result = await save();
    if (!result.ok) throw result.error;
    return patientsTabInstance(channel, window.location.href);
  });

  useEffect(() => {
    if (inTeams) onConfigSave(() => saveForTeams(), (error) => toApiError(error).message);
  }, [inTeams]);
}
