/** How the Dashboard writes its figures: durations in minutes, rates in percent, a dash for "none". */
export const NOT_MEASURED = 'Not measured yet';

/** 450 s → "7.5 min"; null (no visit measured) → "–". */
export function minutesText(seconds: number | null): string {
  return seconds === null ? '–' : `${(seconds / 60).toFixed(1)} min`;
}

/** 0.5 → "50%"; 2/3 → "67%". */
export function percentText(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

/** Minutes for a chart axis, to one decimal; null stays a gap. */
export function minutesOf(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 6) / 10;
}
