import { spawn } from 'node:child_process';
import { closeSync } from 'node:fs';
import { openAppendSafely } from '../../common/safe-write.js';
import type { Readable } from 'node:stream';

/**
 * Hands a child's output pipe over to a detached `cat` that appends what follows to `file`
 * (default: discards it), then lets go of it here. For processes left running when firedrill
 * exits (`--keep`): their pipes would otherwise break with firedrill, and the next write would
 * end them (EPIPE, or SIGPIPE for most non-Node programs).
 */
export function relayAfterExit(stream: Readable | null | undefined, file?: string): void {
  if (!stream) return;
  // Opened here, without following symlinks (see common/safe-write), and handed to cat as stdout.
  const out = file === undefined ? undefined : openAppendSafely(file);
  try {
    spawn('cat', [], { stdio: [stream, out ?? 'ignore', 'ignore'], detached: true }).unref();
  } finally {
    if (out !== undefined) closeSync(out);
  }
  stream.destroy();
}
