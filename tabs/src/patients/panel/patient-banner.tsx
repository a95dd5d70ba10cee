/** Who the patient is, at the top of the panel: name, date of birth and age, sex, MRN. */
import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PatientBannerDto } from '../../../../bot/src/contracts/lists-api';
import { SEX_LONG, formatAge, formatBirthDate } from '../grid/format';
import type { DisplayContext } from '../grid/format';

const useStyles = makeStyles({
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  fact: { display: 'flex', gap: tokens.spacingHorizontalXS },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
});

export function PatientBanner({ patient, context }: { patient: PatientBannerDto; context: DisplayContext }) {
  const styles = useStyles();
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
    </section>
  );
}
