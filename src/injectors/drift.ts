import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { formatDuration } from '../common/duration.js';
import type { UndoStep } from '../engine/undo.js';
import { commandText, revertStep, runExpecting } from './action/command.js';
import { describeAnswer, sendExpecting, toHttpCall } from './action/http-call.js';
import { driftSchema, type DriftChange } from './drift/drift-schema.js';
import { applyFileChange, prepareFileChange, type FilePlan } from './drift/file-change.js';
import { defineInjector, type Fault, type FaultContext } from './injector.js';

type Config = z.output<typeof driftSchema>;

/** The change a drift makes: the one given, or the one `changes` maps its severity to. */
export function chosenChange(config: Config): DriftChange {
  if (config.changes && config.severity) return config.changes[config.severity] as DriftChange;
  return { file: config.file, exec: config.exec, http: config.http } as DriftChange;
}

function describeChange(change: DriftChange): string {
  if (change.file) return `${change.file.set === undefined ? 'patch' : 'rewrite'} ${change.file.path}`;
  if (change.exec) return `run \`${commandText(change.exec.command)}\``;
  const call = toHttpCall(change.http!);
  return `${call.method} ${call.url}`;
}

/**
 * `drift`: changes one node's state or configuration out of band (a file, a command, an admin
 * request) and expects the system to notice and heal it. The revert puts back what was changed:
 * the file from its backup, or the change's own revert command or request.
 */
export const driftInjector = defineInjector({
  schema: driftSchema,
  describe: (config) =>
    `drift${config.severity ? ` (${config.severity})` : ''} in ${config.node}: ${describeChange(chosenChange(config))}` +
    (config.duration === undefined
      ? ', put back when the drill ends'
      : `, put back after ${formatDuration(config.duration)}`),
  create: (config) => driftFault(config),
});

function driftFault(config: Config): Fault {
  const change = chosenChange(config);
  let filePlan: FilePlan | undefined;
  return {
    async prepare(context): Promise<UndoStep[]> {
      const node = context.target.node(config.node);
      if (change.file) {
        const prepared = await prepareFileChange(node, change.file, context, randomBytes(4).toString('hex'));
        filePlan = prepared.plan;
        return prepared.undo;
      }
      if (change.exec) {
        const site = { node, baseDir: context.baseDir };
        return [
          revertStep(site, change.exec.revert, `run \`${commandText(change.exec.revert)}\` in ${node.name}`),
        ];
      }
      const request = toHttpCall(change.http!.revert);
      return [{ action: 'http.request', request, description: `${request.method} ${request.url}` }];
    },
    async inject(context) {
      const phrase = await apply(config, change, filePlan, context);
      return {
        summary: `drift${config.severity ? ` (${config.severity})` : ''} in ${config.node}: ${phrase}`,
        details: {
          node: config.node,
          severity: config.severity,
          change: Object.keys(change).find((k) => change[k as keyof DriftChange]),
        },
      };
    },
  };
}

async function apply(
  config: Config,
  change: DriftChange,
  plan: FilePlan | undefined,
  context: FaultContext,
): Promise<string> {
  if (change.file) {
    if (!plan) throw new Error('drift: inject() before prepare()');
    return applyFileChange(plan, change.file, context);
  }
  if (change.exec) {
    const site = { node: context.target.node(config.node), baseDir: context.baseDir };
    const { exec } = change;
    return (
      await runExpecting(site, exec.command, {
        exitCode: exec.exit_code,
        timeoutMs: exec.timeout,
        signal: context.signal,
      })
    ).phrase;
  }
  const call = toHttpCall(change.http!);
  return describeAnswer(call, await sendExpecting(call, context.signal));
}
