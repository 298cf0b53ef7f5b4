import type Docker from 'dockerode';
import { dockerClient, runLabels } from '../../common/docker.js';
import { TargetError, errorMessage } from '../../common/errors.js';
import { images } from '../../common/images.js';
import type { ExecResult } from '../target.js';
import { execInContainer } from './container-exec.js';

export interface NetnsCommand {
  /** The container whose network namespace the command runs in. */
  containerId: string;
  runId: string;
  command: string[];
  timeoutMs?: number;
}

/** The node's container stopped before the sidecar joined its network namespace. */
export class NamespaceGoneError extends TargetError {}

/**
 * Runs a command in a container's network namespace from a one-shot NET_ADMIN sidecar
 * (`--net container:<id>`, the nettools image with iptables), then removes the sidecar: the
 * node's own image needs no iptables, and rules stay with the namespace, not with the sidecar.
 * Labelled with the run, so a crash mid-way leaves nothing `firedrill cleanup` cannot find.
 */
export async function runInNetns(spec: NetnsCommand, docker: Docker = dockerClient()): Promise<ExecResult> {
  const sidecar = await createSidecar(docker, spec.containerId, spec.runId, spec.command);
  try {
    await startSidecar(sidecar, spec.containerId);
    const timeoutMs = spec.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TargetError(`network sidecar did not finish within ${timeoutMs}ms`)),
        timeoutMs,
      );
    });
    const { StatusCode } = (await Promise.race([sidecar.wait(), timedOut]).finally(() =>
      clearTimeout(timer),
    )) as {
      StatusCode: number;
    };
    const logs = await sidecar.logs({ stdout: true, stderr: true, follow: false });
    return { exitCode: StatusCode, ...demux(logs) };
  } finally {
    await sidecar.remove({ force: true }).catch(() => undefined);
  }
}

/** A NET_ADMIN helper already running in a node's network namespace: a command in it is one exec. */
export interface NetnsSidecar {
  exec(command: string[], timeoutMs?: number): Promise<ExecResult>;
  remove(): Promise<void>;
}

/** Longest a prepared helper lives if nobody removes it (a crash between prepare and inject). */
const SIDECAR_LIFETIME_S = 600;

/**
 * Starts a helper in the container's network namespace ahead of the fault, so that applying
 * rules later costs one `docker exec` (milliseconds) rather than a container's creation and start
 * (hundreds of milliseconds on a busy machine). It sleeps a bounded time and removes itself.
 */
export async function startNetnsSidecar(
  containerId: string,
  runId: string,
  docker: Docker = dockerClient(),
): Promise<NetnsSidecar> {
  const sidecar = await createSidecar(docker, containerId, runId, ['sleep', String(SIDECAR_LIFETIME_S)]);
  try {
    await startSidecar(sidecar, containerId);
  } catch (error) {
    await sidecar.remove({ force: true }).catch(() => undefined);
    throw error;
  }
  return {
    exec: (command, timeoutMs = 30_000) => execInContainer(docker, sidecar.id, command, { timeoutMs }),
    remove: () => sidecar.remove({ force: true }).then(() => undefined, ignoreGone),
  };
}

function ignoreGone(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 404) throw error;
}

function createSidecar(
  docker: Docker,
  containerId: string,
  runId: string,
  command: string[],
): Promise<Docker.Container> {
  return docker
    .createContainer({
      Image: images.nettools,
      Cmd: command,
      Labels: { ...runLabels(runId), 'firedrill.role': 'netns-sidecar' },
      // SYS_NICE: a partition's activation raises its own priority so a busy machine does not
      // delay its commit (src/injectors/partition/cut-scripts.ts).
      HostConfig: {
        NetworkMode: `container:${containerId}`,
        CapAdd: ['NET_ADMIN', 'NET_RAW', 'SYS_NICE'],
      },
    })
    .catch((error: unknown) => {
      throw new TargetError(`could not create the network sidecar: ${errorMessage(error)}`, {
        hint: `the image ${images.nettools} must be present (scripts/setup-env.sh builds it)`,
      });
    });
}

async function startSidecar(sidecar: Docker.Container, containerId: string): Promise<void> {
  await sidecar.start().catch((error: unknown) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 409 && /non running container/.test(errorMessage(error)))
      throw new NamespaceGoneError(`container ${containerId.slice(0, 12)} is not running`);
    throw error;
  });
}

/** Docker's multiplexed log format: 8-byte headers (stream, 0, 0, 0, size as uint32 BE), then the payload. */
export function demux(buffer: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset];
    const size = buffer.readUInt32BE(offset + 4);
    const payload = buffer.subarray(offset + 8, offset + 8 + size);
    (stream === 2 ? err : out).push(payload);
    offset += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/**
 * An undo step's command in a node's namespace. A container that no longer runs took its
 * namespace, and the rules in it, with it: nothing is left to revert.
 */
export async function revertInNetns(
  containerId: string,
  node: string,
  runId: string,
  command: string[],
): Promise<string> {
  const docker = dockerClient();
  const state = await docker
    .getContainer(containerId)
    .inspect()
    .then((info) => info.State)
    .catch(() => undefined);
  const gone = `${node}: not running, its network rules went with it`;
  if (!state?.Running) return gone;
  // Docker records a crash a few hundred ms after the kernel: the container may stop meanwhile.
  const result = await runInNetns({ containerId, runId, command }, docker).catch((error: unknown) => {
    if (error instanceof NamespaceGoneError) return undefined;
    throw error;
  });
  if (!result) return gone;
  if (result.exitCode !== 0)
    throw new Error(`exit ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`);
  return `reverted network rules of ${node}`;
}
