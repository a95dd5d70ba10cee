/** Vitals in one line (HR, BP, T, RR, SpO2 and when), out-of-range ones flagged in words, stale ones set apart and labelled. */
import type { VitalSignDto } from '../../../../bot/src/contracts/lists-api';
import { VITAL_SHORT, orderedVitals } from './columns';
import type { DisplayContext } from './format';
import { ReadingsSummary } from './readings-summary';

export function VitalsSummary({ vitals, context }: { vitals: readonly VitalSignDto[]; context: DisplayContext }) {
  const readings = orderedVitals(vitals).map((vital) => ({ key: vital.code, short: VITAL_SHORT[vital.code], display: vital.display, flag: vital.flag, stale: vital.stale, takenAt: vital.takenAt }));
  return <ReadingsSummary readings={readings} context={context} />;
}
