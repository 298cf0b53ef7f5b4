import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { TimeoutError } from '../../common/errors.js';
import type { ExecResult } from '../target.js';

export interface ExecOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Runs a command in a running container (docker exec) and collects its demultiplexed stdout and
 * stderr and its exit code. On timeout or abort the stream is dropped and the call rejects (Docker
 * has no way to end an exec'd process; a command that may hang should carry its own timeout).
 */
export async function execInContainer(
  docker: Docker,
  containerId: string,
  command: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const signals = [
    options.signal,
    options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
  ];
  const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
  signal.throwIfAborted();
  const exec = await docker.getContainer(containerId).exec({
    Cmd: [...command],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = collector();
  const stderr = collector();
  docker.modem.demuxStream(stream, stdout.sink, stderr.sink);
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      stream.destroy();
      const reason: unknown = signal.reason;
      reject(
        reason instanceof DOMException && reason.name === 'TimeoutError'
          ? new TimeoutError(`${command.join(' ')} did not finish within ${options.timeoutMs}ms`)
          : reason,
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (error?: Error): void => {
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    stream.on('end', () => done());
    stream.on('close', () => done());
    stream.on('error', done);
  });
  return { exitCode: await exitCodeOf(exec), stdout: stdout.text(), stderr: stderr.text() };
}

/** The stream ends a moment before Docker records the exit code: ask until it is there. */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    if (attempt > 200) return info.ExitCode ?? -1;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function collector(): { sink: PassThrough; text: () => string } {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}
