/**
 * The whole summary in the panel, one section per part, each saying when it was read ("as of") or
 * why it could not be — in words here, since the panel has the room the grid's icon does not.
 */
import { Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ClinicalItemDto, ListRow, PatientSummaryDto } from '../../../../bot/src/contracts/lists-api';
import { WarningFilled } from '../../shared/icons';
import { VITAL_SHORT, orderedVitals } from '../grid/columns';
import { encounterStatusText, formatWhen } from '../grid/format';
import type { DisplayContext } from '../grid/format';
import { NOT_PERMITTED_TEXT, unavailableText } from '../grid/part-value';
import { ValueFlag } from '../grid/value-flag';
import type { Part } from '../grid/part-value';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  asOf: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  detail: { color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center', color: tokens.colorPaletteDarkOrangeForeground1 },
  stale: { fontStyle: 'italic', color: tokens.colorNeutralForeground3 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  pair: { display: 'contents' },
  value: { margin: 0 },
});

function PartSection<T>({ title, part, source, context, children }: { title: string; part: Part<T>; source: ListRow['source']; context: DisplayContext; children: (value: T) => ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={title}>
      <div className={styles.heading}>
        <Subtitle2 as="h3">{title}</Subtitle2>
        {part.status === 'ok' && <Caption1 className={styles.asOf}>as of {formatWhen(part.asOf, context)}</Caption1>}
      </div>
      {part.status === 'ok' && children(part.value)}
      {part.status === 'error' && (
        <span className={styles.error}>
          <WarningFilled aria-hidden />
          Could not be loaded: {part.reason}
        </span>
      )}
      {part.status === 'unavailable' && <span className={styles.muted}>— {unavailableText(source)}</span>}
      {part.status === 'not_permitted' && <span className={styles.muted}>— {NOT_PERMITTED_TEXT}</span>}
    </section>
  );
}

function Items({ items, context }: { items: readonly ClinicalItemDto[]; context: DisplayContext }) {
  const styles = useStyles();
  if (items.length === 0) return <span className={styles.muted}>None recorded</span>;
  return (
    <ul className={styles.list}>
      {items.map((item, index) => (
        <li key={`${item.text}-${index}`}>
          {item.text}
          {(item.detail ?? item.date) && (
            <span className={styles.detail}> — {[item.detail, item.date ? formatWhen(item.date, context) : null].filter(Boolean).join(', ')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function SummarySections({ summary, source, context }: { summary: PatientSummaryDto; source: ListRow['source']; context: DisplayContext }) {
  const styles = useStyles();
  const common = { source, context };
  return (
    <>
      <PartSection title="Encounter" part={summary.encounter} {...common}>
        {(encounter) =>
          encounter ? (
            <dl className={styles.facts}>
              {(
                [
                  ['Location', encounter.location],
                  ['Attending', encounter.attending],
                  ['Admitted', encounter.admittedAt ? formatWhen(encounter.admittedAt, context) : null],
                  ['Status', encounter.status ? encounterStatusText(encounter.status) : null],
                ] as const
              ).map(([term, value]) => (
                <div key={term} className={styles.pair}>
                  <dt className={styles.muted}>{term}</dt>
                  <dd className={styles.value}>{value ?? '—'}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <span className={styles.muted}>No current encounter</span>
          )
        }
      </PartSection>
      <PartSection title="Vitals" part={summary.vitals} {...common}>
        {(vitals) =>
          vitals.length === 0 ? (
            <span className={styles.muted}>None recorded</span>
          ) : (
            <ul className={styles.list}>
              {orderedVitals(vitals).map((vital) => (
                <li key={vital.code} className={vital.stale ? styles.stale : undefined}>
                  {VITAL_SHORT[vital.code]} {vital.display}
                  <ValueFlag flag={vital.flag} /> — {formatWhen(vital.takenAt, context)}
                  {vital.stale && ' (stale)'}
                </li>
              ))}
            </ul>
          )
        }
      </PartSection>
      <PartSection title="Labs" part={summary.labs} {...common}>
        {(labs) =>
          labs.length === 0 ? (
            <span className={styles.muted}>None recorded</span>
          ) : (
            <dl className={styles.facts}>
              {labs.map((lab) => (
                <div key={lab.code} className={mergeClasses(styles.pair, lab.stale && styles.stale)}>
                  <dt className={styles.muted}>{lab.label}</dt>
                  <dd className={styles.value}>
                    {lab.display}
                    <ValueFlag flag={lab.flag} /> — {formatWhen(lab.takenAt, context)}
                    {lab.stale && ' (stale)'}
                  </dd>
                </div>
              ))}
            </dl>
          )
        }
      </PartSection>
      <PartSection title="Conditions" part={summary.conditions} {...common}>
        {(items) => <Items items={items} context={context} />}
      </PartSection>
      <PartSection title="Medications" part={summary.medications} {...common}>
        {(items) => <Items items={items} context={context} />}
      </PartSection>
      <PartSection title="Coverage" part={summary.coverage} {...common}>
        {(items) => <Items items={items} context={context} />}
      </PartSection>
    </>
  );
}
