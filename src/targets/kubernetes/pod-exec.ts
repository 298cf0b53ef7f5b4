import { PassThrough } from 'node:stream';
import type { V1Status } from '@kubernetes/client-node';
import { TargetError, TimeoutError, errorMessage } from '../../common/errors.js';
import type { ExecResult } from '../target.js';
import type { Cluster } from './cluster.js';

export interface PodExecOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface PodAddress {
  namespace: string;
  pod: string;
  container: string;
}

/**
 * Runs a command in a pod's container through the API (the exec subresource over a WebSocket) and
 * collects stdout, stderr and the exit code from the status the kubelet sends at the end. On
 * timeout or abort the connection is closed and the call rejects (the API has no way to end the
 * process; a command that may hang should carry its own timeout).
 */
export async function execInPod(
  cluster: Cluster,
  where: PodAddress,
  command: readonly string[],
  options: PodExecOptions = {},
): Promise<ExecResult> {
  const timeout = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout].filter((s): s is AbortSignal => s !== undefined));
  signal.throwIfAborted();
  const stdout = collector();
  const stderr = collector();
  let status: V1Status | undefined;
  const socket = await cluster.exec
    .exec(
      where.namespace,
      where.pod,
      where.container,
      [...command],
      stdout.sink,
      stderr.sink,
      null,
      false,
      (s) => {
        status = s;
      },
    )
    .catch((error: unknown) => {
      throw new TargetError(
        `could not exec in pod ${where.namespace}/${where.pod} (container ${where.container}): ${errorMessage(error)}`,
        { hint: 'is the pod running? the runner needs the pods/exec permission', cause: error },
      );
    });
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      socket.close();
      const reason: unknown = signal.reason;
      reject(
        reason instanceof DOMException && reason.name === 'TimeoutError'
          ? new TimeoutError(`${command.join(' ')} did not finish within ${options.timeoutMs}ms`)
          : reason,
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    socket.on('error', (error: Error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
  return { exitCode: exitCodeOf(status, where, command), stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * `Success` is 0; a non-zero exit comes as `Failure` with an `ExitCode` cause. A failure without
 * one means the command never ran (no such executable): 127, as a shell would say, with the
 * API's message kept in the error for the cases that are not that.
 */
export function exitCodeOf(
  status: V1Status | undefined,
  where: PodAddress,
  command: readonly string[],
): number {
  if (status?.status === 'Success') return 0;
  const cause = status?.details?.causes?.find((c) => c.reason === 'ExitCode');
  if (cause?.message !== undefined && /^\d+$/.test(cause.message)) return Number(cause.message);
  const message = status?.message ?? 'the connection closed without an exit status';
  if (/executable file not found|no such file or directory/i.test(message)) return 127;
  throw new TargetError(
    `exec of ${command.join(' ')} in pod ${where.namespace}/${where.pod} failed: ${message}`,
    {
      hint: 'the pod may have been deleted or restarted while the command ran',
    },
  );
}

function collector(): { sink: PassThrough; text: () => string } {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}
