/**
 * A packaging failure that carries every problem found, so one run tells the developer all there is
 * to fix instead of one problem per run.
 */
export class PackagingError extends Error {
  constructor(
    readonly summary: string,
    readonly problems: readonly string[],
  ) {
    super([summary, ...problems.map((problem) => `  - ${problem}`)].join('\n'));
    this.name = 'PackagingError';
  }
}
