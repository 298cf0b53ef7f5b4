import { writeFileSafely } from '../common/safe-write.js';
import { join } from 'node:path';
import { renderMarkdown } from './markdown/render-markdown.js';
import type { Reporter } from './reporter.js';

/** `summary.md`: for a CI step summary (`cat .../summary.md >> $GITHUB_STEP_SUMMARY`) or a PR comment. */
export function markdownReporter(): Reporter {
  return {
    onDrillEnd(result, runDir) {
      writeFileSafely(join(runDir, 'summary.md'), renderMarkdown(result, runDir));
    },
  };
}
