import { resolve } from 'node:path';
import { z } from 'zod';
import { errorMessage, FaultNoEffectError, UsageError } from '../common/errors.js';
import { seededRandom } from '../common/random.js';
import type { TargetNode } from '../targets/target.js';
import { ArchiveFileBytes } from './corrupt/archive-file-bytes.js';
import { corrupt, describeCorruption, type Corruption } from './corrupt/corruption.js';
import { ExecFileBytes } from './corrupt/exec-file-bytes.js';
import { HostFileBytes, type FileBytes } from './corrupt/file-bytes.js';
import { defineInjector, type Fault, type FaultContext } from './injector.js';
import { corruptSchema } from './corrupt-schema.js';
import { requireRunning } from './node-fault.js';
import { isContainer } from './resource/node-shell.js';

type Config = z.output<typeof corruptSchema>;

/**
 * `corrupt`: changes bytes of a file for good; there is no backup and no revert (detecting and
 * repairing it is the system's job). The effect reports each changed offset with its old and new
 * byte, and the same seed corrupts the same bytes of the same file.
 */
export const corruptInjector = defineInjector({
  schema: corruptSchema,
  describe: (config) =>
    `corrupt ${config.path} in ${config.node}: ${config.mode} ${config.bytes} byte${config.bytes === 1 ? '' : 's'}` +
    (config.seed === undefined ? '' : ` (seed ${config.seed})`) +
    (config.when === 'stopped' ? ', with the node stopped' : ''),
  create: (config) => corruptFault(config),
});

/**
 * Starts the node again after its file was corrupted. A system that refuses to start on a corrupt
 * file has noticed it: that is for the drill's probes to measure, not a failed fault.
 */
async function startAfterCorruption(node: TargetNode, signal: AbortSignal): Promise<string> {
  try {
    await node.start();
    return `, stopped ${node.name} before and started it after`;
  } catch (error) {
    if (signal.aborted) throw error;
    return `, stopped ${node.name} before; it did not come back up after (${errorMessage(error)})`;
  }
}

function corruptFault(config: Config): Fault {
  return {
    async prepare(context) {
      const node = context.target.node(config.node);
      if (config.when === 'running') return [];
      return [
        {
          action: 'node.start',
          ref: node.ref(),
          description: `start ${node.name} again if it is still down`,
        },
      ];
    },
    async inject(context) {
      const node = context.target.node(config.node);
      const run = (stopped: boolean): Promise<Corruption> => corruptInPlace(node, stopped, config, context);
      let corruption: Corruption;
      let around = '';
      if (config.when === 'stopped') {
        const wasRunning = await node.isRunning();
        if (wasRunning) await node.stop();
        corruption = await run(true);
        around = wasRunning ? await startAfterCorruption(node, context.signal) : ` (${node.name} was down)`;
      } else {
        if (isContainer(node)) await requireRunning(node, 'corrupt a file in');
        corruption = await run(false);
      }
      return {
        summary: describeCorruption(corruption, `${config.path} in ${node.name}`) + around,
        details: { node: node.name, path: config.path, seed: config.seed, ...corruption },
      };
    },
  };
}

/** How many times a file replaced while it was being corrupted is opened and corrupted again. */
const REPLACED_ATTEMPTS = 5;

/**
 * Corrupts the file the path names once done. A program that rewrites its file atomically (new
 * file, then rename) may replace it between our open and our writes: the bytes then went to the
 * old file, which nothing reads any more, and the effect is not there. Such a run is done again
 * on the new file (with the same seed, the same offsets).
 */
async function corruptInPlace(
  node: TargetNode,
  stopped: boolean,
  config: Config,
  context: FaultContext,
): Promise<Corruption> {
  for (let attempt = 1; ; attempt++) {
    const random = config.seed === undefined ? context.random : seededRandom(config.seed);
    const done = await withFile(openFile(node, config.path, stopped, context), async (file) => {
      const corruption = await corrupt(file, config.mode, config.bytes, random);
      return (await file.replaced?.()) ? undefined : corruption;
    });
    if (done) return done;
    if (attempt === REPLACED_ATTEMPTS)
      throw new FaultNoEffectError(
        `${config.path} in ${node.name} was replaced by a new file each of the ${attempt} times it was corrupted`,
        { hint: 'the node rewrites it continuously: corrupt it with when: stopped' },
      );
  }
}

async function openFile(
  node: TargetNode,
  path: string,
  stopped: boolean,
  context: FaultContext,
): Promise<FileBytes> {
  const ref = node.ref();
  const label = `${path} in ${node.name}`;
  if (ref.kind === 'process') return HostFileBytes.open(resolve(context.baseDir, path), label);
  if (!stopped) return new ExecFileBytes(node, path, { signal: context.signal });
  if (ref.kind === 'pod')
    throw new UsageError(`corrupt with when: stopped is not possible on pod node ${node.name}`, {
      hint: "a pod's container cannot stay stopped (the kubelet restarts it): use when: running",
    });
  return ArchiveFileBytes.open(ref.id, path, label);
}

async function withFile<T>(opening: Promise<FileBytes>, use: (file: FileBytes) => Promise<T>): Promise<T> {
  const file = await opening;
  try {
    return await use(file);
  } finally {
    await file.close();
  }
}
