import { TimeoutError } from '../common/errors.js';
import { describeCommandFailure } from '../common/exec-error.js';
import { runCommand } from '../targets/process/run-command.js';
import type { ExecResult } from '../targets/target.js';
import { deadline } from './deadline.js';
import { defineProbe, type ProbeOutcome } from './probe.js';
import { execProbeSchema } from './exec-schema.js';
import { failureDetail } from './probe-fields.js';

/** `exec`: runs a command per sample; passes on the expected exit code (and output). Value: run time in ms. */
export const execProbe = defineProbe({
  schema: execProbeSchema,
  create(config, { clock, target, baseDir }) {
    const argv = typeof config.command === 'string' ? ['/bin/sh', '-c', config.command] : config.command;
    const node = config.node === undefined ? undefined : target.node(config.node);
    const pattern = config.stdout_matches === undefined ? undefined : new RegExp(config.stdout_matches, 'm');
    const run = (signal: AbortSignal): Promise<ExecResult> =>
      node ? node.exec(argv, { signal }) : runCommand(argv, { cwd: baseDir, signal });
    return {
      async check(signal): Promise<ProbeOutcome> {
        const bound = deadline(clock, config.timeout, signal);
        const startedAt = clock.now();
        try {
          const result = await run(bound.signal);
          const value = clock.now() - startedAt;
          if (result.exitCode !== config.exit_code)
            return { ok: false, detail: describeCommandFailure(result), value };
          if (pattern && !pattern.test(result.stdout)) {
            return {
              ok: false,
              detail: `output did not match /${pattern.source}/: ${lastLine(result.stdout)}`,
              value,
            };
          }
          return { ok: true, detail: `exit ${result.exitCode}`, value };
        } catch (error) {
          const timedOut = bound.timedOut() || error instanceof TimeoutError;
          return { ok: false, detail: timedOut ? `timeout after ${config.timeout}ms` : failureDetail(error) };
        } finally {
          bound.dispose();
        }
      },
    };
  },
});

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.slice(0, 200) ?? '';
}
