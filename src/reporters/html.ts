import { writeFileSafely } from '../common/safe-write.js';
import { join } from 'node:path';
import { renderHtmlReport } from './html/render-report.js';
import type { Reporter } from './reporter.js';

/** `report.html`: one self-contained page (no script, no network request) for people. */
export function htmlReporter(): Reporter {
  return {
    onDrillEnd(result, runDir) {
      writeFileSafely(join(runDir, 'report.html'), renderHtmlReport(result));
    },
  };
}
