/** The latest labs in one line (K, Na, Cr, Urea, Glu, Hb, WBC, Plt and when), out-of-range ones flagged in words, stale ones labelled. */
import type { LabResultDto } from '../../../../bot/src/contracts/lists-api';
import { LAB_SHORT } from './columns';
import type { DisplayContext } from './format';
import { ReadingsSummary } from './readings-summary';

export function LabsSummary({ labs, context }: { labs: readonly LabResultDto[]; context: DisplayContext }) {
  const readings = labs.map((lab) => ({ key: lab.code, short: LAB_SHORT[lab.code], label: lab.label, display: lab.display, flag: lab.flag, stale: lab.stale, takenAt: lab.takenAt }));
  return <ReadingsSummary readings={readings} context={context} />;
}
