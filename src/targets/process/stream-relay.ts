import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/**
 * Hands a child's output pipe over to a detached `cat` that appends what follows to `file`
 * (default: discards it), then lets go of it here. For processes left running when firedrill
 * exits (`--keep`): their pipes would otherwise break with firedrill, and the next write would
 * end them (EPIPE, or SIGPIPE for most non-Node programs).
 */
export function relayAfterExit(stream: Readable | null | undefined, file = '/dev/null'): void {
  if (!stream) return;
  spawn('/bin/sh', ['-c', 'exec cat >> "$1"', 'relay', file], {
    stdio: [stream, 'ignore', 'ignore'],
    detached: true,
  }).unref();
  stream.destroy();
}
