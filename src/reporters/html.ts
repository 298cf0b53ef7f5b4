import { writeFileSafely } from '../common/safe-write.js';
import { join } from 'node:path';
import type { Reporter } from './reporter.js';

/** `report.html`: one self-contained page (no script, no network request) for people. */
export function htmlReporter(): Reporter {
  return {
    async onDrillEnd(result, runDir) {
      // The renderer (twenty modules) is imported once the drill is over, not while it runs.
      const { renderHtmlReport } = await import('./html/render-report.js');
      writeFileSafely(join(runDir, 'report.html'), renderHtmlReport(result));
    },
  };
}
