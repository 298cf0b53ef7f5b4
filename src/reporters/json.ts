import { writeFileSafely } from '../common/safe-write.js';
import { join } from 'node:path';
import type { Reporter } from './reporter.js';

/** `result.json` (`firedrill.result/v1`), from which every other report can be re-rendered. */
export function jsonReporter(): Reporter {
  return {
    onDrillEnd(result, runDir) {
      writeFileSafely(join(runDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    },
  };
}
