import { formatDuration } from '../common/duration.js';

/** `not measured (aborted at +0.50s)`: ms since t0; negative means before the fault took effect. */
export function abortedText(abortedAtMs: number): string {
  if (abortedAtMs < 0) return 'not measured (aborted before the fault took effect)';
  return `not measured (aborted at +${formatDuration(abortedAtMs)})`;
}
