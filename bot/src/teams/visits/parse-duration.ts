/** Finds how long a visit should last in free text: "for 30 minutes", "for an hour", "45 min", "1.5 hours". */

export interface DurationMatch {
  minutes: number;
  index: number;
  length: number;
}

const WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3 };
const NUMBER = String.raw`(\d+(?:[.,]\d+)?|an?|one|two|three)`;
const HOURS = String.raw`(?:hours?|hrs?|h)`;
const MINUTES = String.raw`(?:minutes?|mins?|m)`;

// "in 2 hours" is a start time, not a length: a duration is never preceded by "in".
const PATTERNS: { regex: RegExp; minutes: (match: RegExpExecArray) => number }[] = [
  { regex: /(?<!\bin\s)\b(?:for\s+)?half\s+an?\s+hour\b/i, minutes: () => 30 },
  {
    regex: new RegExp(String.raw`(?<!\bin\s)\b(?:for\s+)?${NUMBER}\s+${HOURS}\s+and\s+a\s+half\b`, 'i'),
    minutes: (m) => amount(m[1]) * 60 + 30,
  },
  {
    regex: new RegExp(String.raw`(?<!\bin\s)\b(?:for\s+)?${NUMBER}\s*${HOURS}(?:\s+(?:and\s+)?(\d+)\s*${MINUTES})?\b`, 'i'),
    minutes: (m) => Math.round(amount(m[1]) * 60) + Number(m[2] ?? 0),
  },
  { regex: new RegExp(String.raw`(?<!\bin\s)\b(?:for\s+)?(\d+)\s*${MINUTES}\b`, 'i'), minutes: (m) => Number(m[1]) },
];

function amount(text: string | undefined): number {
  const word = (text ?? '').toLowerCase();
  return WORDS[word] ?? Number(word.replace(',', '.'));
}

export function findDuration(text: string): DurationMatch | null {
  for (const { regex, minutes } of PATTERNS) {
    const match = regex.exec(text);
    if (match) return { minutes: minutes(match), index: match.index, length: match[0].length };
  }
  return null;
}
