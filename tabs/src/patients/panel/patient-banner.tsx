/** Who the patient is, at the top of the panel: name, date of birth and age, sex, MRN, and allergies. */
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ClinicalItemDto, PatientBannerDto } from '../../../../bot/src/contracts/lists-api';
import { WarningFilled } from '../../shared/icons';
import type { Part } from '../grid/part-value';
import { SEX_LONG, formatAge, formatBirthDate } from '../grid/format';
import type { DisplayContext } from '../grid/format';

const useStyles = makeStyles({
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  fact: { display: 'flex', gap: tokens.spacingHorizontalXS },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
  allergies: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'baseline', marginTop: tokens.spacingVerticalXS },
  allergic: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A recorded "no known allergy" (SNOMED 716186003, 409137002 for drugs) is not an allergy. */
const NO_KNOWN = /^no known (drug )?allerg/i;

/** What the banner says of allergies: each with its reaction and severity, or which kind of "none". */
function allergyLine(part: Part<readonly ClinicalItemDto[]>): { text: string; tone: 'allergic' | 'plain' | 'muted' } {
  if (part.status === 'error') return { text: `Could not be loaded (${part.reason}): check the EHR before prescribing`, tone: 'muted' };
  if (part.status === 'unavailable') return { text: 'Allergies not available from this source', tone: 'muted' };
  if (part.status === 'not_permitted') return { text: 'Allergies not permitted: the EHR does not give Rounds access; check the EHR before prescribing', tone: 'muted' };
  const real = part.value.filter((item) => !NO_KNOWN.test(item.text));
  if (real.length > 0) return { text: real.map((item) => (item.detail ? `${item.text} (${item.detail})` : item.text)).join('; '), tone: 'allergic' };
  if (part.value.length > 0) return { text: 'No known allergies', tone: 'plain' };
  return { text: 'Allergies not recorded', tone: 'muted' };
}

export function PatientBanner({ patient, allergies, context }: { patient: PatientBannerDto; allergies: Part<readonly ClinicalItemDto[]>; context: DisplayContext }) {
  const styles = useStyles();
  const allergy = allergyLine(allergies);
  const age = formatAge(patient.birthDate, context.now);
  const facts: [string, string][] = [
    ['DOB', patient.birthDate ? `${formatBirthDate(patient.birthDate, context.locale)}${age ? ` (${age})` : ''}` : '—'],
    ['Sex', patient.gender ? SEX_LONG[patient.gender] : '—'],
    ['MRN', patient.mrn || '—'],
  ];
  return (
    <section aria-label="Patient">
      {patient.deceased && (
        <Badge appearance="tint" color="subtle">
          † Deceased
        </Badge>
      )}
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term} className={styles.fact}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>
              <Text>{value}</Text>
            </dd>
          </div>
        ))}
      </dl>
      <p className={styles.allergies}>
        <span className={styles.term}>Allergies</span>
        {allergy.tone === 'allergic' && <WarningFilled aria-hidden className={styles.allergic} />}
        <Text className={allergy.tone === 'plain' ? undefined : styles[allergy.tone]}>{allergy.text}</Text>
      </p>
    </section>
  );
}
