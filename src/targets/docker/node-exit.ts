import type Dockerode from 'dockerode';
import { TargetError } from '../../common/errors.js';

type State = Dockerode.ContainerInspectInfo['State'];

const LAST_LINES = 10;

/** Not running and not about to be restarted by its restart policy: it will never become ready. */
export function exitedForGood(state: State): boolean {
  return !state.Running && !state.Restarting;
}

/** `exit code 1`, `OOM-killed (exit code 137)`, `exit code 0 (it ended by itself)`. */
export function describeContainerExit(state: State | undefined): string {
  if (!state) return 'it was removed';
  const code = `exit code ${state.ExitCode}`;
  if (state.OOMKilled) return `it was OOM-killed (${code}): raise its memory limit`;
  return state.Error ? `${code}: ${state.Error}` : code;
}

/**
 * The error for a node that exited while firedrill waited for it to be ready: its exit code, and
 * the last lines it wrote (read from Docker now: the container may be removed right after).
 */
export async function nodeExitedError(
  node: string,
  container: Dockerode.Container,
  state: State | undefined,
  waitingFor: string,
): Promise<TargetError> {
  const lines = state ? await lastLogLines(container) : [];
  return new TargetError(
    `node ${node} exited while firedrill waited for ${waitingFor}: ${describeContainerExit(state)}`,
    {
      hint: lines.length
        ? `its last output:\n  ${lines.join('\n  ')}`
        : 'it wrote no output; check its command and image',
    },
  );
}

async function lastLogLines(container: Dockerode.Container): Promise<string[]> {
  try {
    const buffer = (await container.logs({
      stdout: true,
      stderr: true,
      follow: false,
      tail: LAST_LINES,
    })) as unknown as Buffer;
    return demuxedText(buffer)
      .split('\n')
      .map((line) => line.trimEnd())
      .filter(Boolean)
      .slice(-LAST_LINES);
  } catch {
    return [];
  }
}

/** Docker's log frames (8-byte header per chunk) for a container without a TTY, as plain text. */
function demuxedText(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return parts.length ? Buffer.concat(parts).toString('utf8') : buffer.toString('utf8');
}
