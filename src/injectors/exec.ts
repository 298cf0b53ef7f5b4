import { z } from 'zod';
import { formatDuration, timeoutDuration } from '../common/duration.js';
import { commandSchema, commandText, revertStep, runExpecting, type CommandSite } from './action/command.js';
import { revertRequiredForDuration } from './action/revert-rule.js';
import { defineInjector, faultBase, type Fault, type FaultContext } from './injector.js';

const schema = faultBase
  .extend({
    type: z.literal('exec'),
    node: z.string().min(1).optional().meta({
      description:
        "Run in this node: a container exec, or on the host in a process node's directory and environment (default: on the host, in the scenario's directory).",
    }),
    command: commandSchema,
    revert: commandSchema.optional().meta({ description: 'Undoes the command (run where it ran).' }),
    exit_code: z.int().min(0).max(255).default(0).meta({ description: 'Expected exit code (default 0).' }),
    timeout: timeoutDuration
      .default(30_000)
      .meta({ description: 'Give up after this long (default 30s; 1ms to 24h).' }),
  })
  .superRefine(revertRequiredForDuration('exec', 'command'));

type Config = z.output<typeof schema>;

/** `exec`: a custom action; it took effect when it exits with the expected code. */
export const execInjector = defineInjector({
  schema,
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
