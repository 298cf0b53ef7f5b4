import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import { commandText, revertStep, runExpecting, type CommandSite } from './action/command.js';
import { defineInjector, type Fault, type FaultContext } from './injector.js';
import { execSchema } from './exec-schema.js';

type Config = z.output<typeof execSchema>;

/** `exec`: a custom action; it took effect when it exits with the expected code. */
export const execInjector = defineInjector({
  schema: execSchema,
  describe: (config) =>
    `run \`${commandText(config.command)}\` ${config.node ? `in ${config.node}` : 'on the host'}` +
    (config.revert === undefined
      ? ''
      : `; revert with \`${commandText(config.revert)}\`${config.duration === undefined ? '' : ` after ${formatDuration(config.duration)}`}`),
  create: (config) => execFault(config),
});

function execFault(config: Config): Fault {
  const siteOf = (context: FaultContext): CommandSite => ({
    baseDir: context.baseDir,
    ...(config.node !== undefined && { node: context.target.node(config.node) }),
  });
  return {
    async prepare(context) {
      if (config.revert === undefined) return [];
      const site = siteOf(context);
      return [revertStep(site, config.revert, `run \`${commandText(config.revert)}\``)];
    },
    async inject(context) {
      const { phrase, result } = await runExpecting(siteOf(context), config.command, {
        exitCode: config.exit_code,
        timeoutMs: config.timeout,
        signal: context.signal,
      });
      return {
        summary: phrase,
        details: {
          exitCode: result.exitCode,
          stdout: result.stdout.slice(-2000),
          stderr: result.stderr.slice(-2000),
        },
      };
    },
  };
}
