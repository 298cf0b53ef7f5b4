import { distance } from 'fastest-levenshtein';

/**
 * The candidates close enough to `word` to be a likely typo, closest first. "Close" grows with the
 * word's length (up to 3 edits) so that short names do not suggest everything.
 */
export function closeMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const budget = word.length <= 2 ? 1 : Math.min(3, Math.max(2, Math.ceil(word.length / 3)));
  return (
    [...new Set(candidates)]
      .map((candidate) => ({ candidate, d: distance(lower, candidate.toLowerCase()) }))
      .filter(({ d }) => d <= budget)
      .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
      // Only the closest: a second, farther suggestion is more often noise than help.
      .filter(({ d }, _, sorted) => d === sorted[0]!.d)
      .slice(0, limit)
      .map(({ candidate }) => candidate)
  );
}

/** `did you mean "duration"?`, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const matches = closeMatches(word, candidates);
  if (matches.length === 0) return undefined;
  return `did you mean ${matches.map((m) => `"${m}"`).join(' or ')}?`;
}

/** `kill, pause, restart` for an "expected one of" line. */
export function listOf(values: Iterable<string>): string {
  const list = [...values];
  return list.length === 0 ? '(none are available)' : list.join(', ');
}
