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

/** Calls in the built-in rooms by grade: "1 good, 1 fair, 1 poor"; null (not measured) without any. */
export function callQualityText(quality: { measuredVisits: number; good: number; fair: number; poor: number }): string | null {
  return quality.measuredVisits === 0 ? null : `${quality.good} good, ${quality.fair} fair, ${quality.poor} poor`;
}

/** Patients' mean rating: "3.3 of 5 (3 visits)"; "–" when no visit was rated. */
export function ratingText(feedback: { meanRating: number | null; ratedVisits: number }): string {
  if (feedback.meanRating === null || feedback.ratedVisits === 0) return '–';
  return `${feedback.meanRating.toFixed(1)} of 5 (${feedback.ratedVisits} ${feedback.ratedVisits === 1 ? 'visit' : 'visits'})`;
}

/** Minutes for a chart axis, to one decimal; null stays a gap. */
export function minutesOf(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 6) / 10;
}
