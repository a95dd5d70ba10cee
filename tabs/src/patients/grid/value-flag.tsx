/**
 * An out-of-range value, in words and colour: words first (screen readers and every theme read
 * them), an arrow for the eye, warning colour for high or low and danger for critical.
 */
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { ValueFlagDto } from '../../../../bot/src/contracts/lists-api';

const WORDS: Record<ValueFlagDto, { text: string; arrow: string }> = {
  low: { text: 'Low', arrow: '↓' },
  high: { text: 'High', arrow: '↑' },
  'critical-low': { text: 'Critical low', arrow: '↓↓' },
  'critical-high': { text: 'Critical high', arrow: '↑↑' },
  abnormal: { text: 'Abnormal', arrow: '!' },
  critical: { text: 'Critical', arrow: '!!' },
};

const isCritical = (flag: ValueFlagDto): boolean => flag === 'critical' || flag.startsWith('critical-');

const useStyles = makeStyles({ badge: { marginLeft: tokens.spacingHorizontalXXS } });

export const flagWords = (flag: ValueFlagDto): string => WORDS[flag].text;

export function ValueFlag({ flag }: { flag: ValueFlagDto | null }) {
  const styles = useStyles();
  if (!flag) return null;
  const critical = isCritical(flag);
  return (
    <Badge size="small" appearance={critical ? 'filled' : 'tint'} color={critical ? 'danger' : 'warning'} className={styles.badge}>
      <span aria-hidden>{WORDS[flag].arrow}&nbsp;</span>
      {WORDS[flag].text}
    </Badge>
  );
}
