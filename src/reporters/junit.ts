import { writeFileSafely } from '../common/safe-write.js';
import { join } from 'node:path';
import { renderJunit } from './junit/render-junit.js';
import type { Reporter } from './reporter.js';

/** `junit.xml`: the drill as a testsuite, each objective a testcase, for CI test views. */
export function junitReporter(): Reporter {
  return {
    onDrillEnd(result, runDir) {
      writeFileSafely(join(runDir, 'junit.xml'), renderJunit(result));
    },
  };
}
