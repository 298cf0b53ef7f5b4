import { execFile } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Lines written into a named pipe, read as they come. */
export interface FifoLines {
  readonly path: string;
  /** Call once the writer exited: the reader then ends after the last buffered line. */
  writerDone(): void;
  /** Resolves once every line was delivered (or after `timeoutMs`, cutting the rest). */
  finished(timeoutMs: number): Promise<void>;
}

/**
 * A named pipe for k6's `--out json=<fifo>`: results stream through memory instead of a file that
 * would grow by ~2 KB per request (hundreds of MB for a long drill). The pipe is opened
 * non-blocking for reading, plus once for writing by firedrill itself, so the reader neither
 * blocks waiting for k6 nor sees an early end of file before k6 opened it.
 */
export async function openFifoLines(path: string, onLine: (line: string) => void): Promise<FifoLines> {
  await run('mkfifo', ['-m', '600', path]);
  const readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let holdFd: number | undefined = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  const socket = new Socket({ fd: readFd, readable: true, writable: false });
  const lines = createInterface({ input: socket, crlfDelay: Infinity });
  lines.on('line', onLine);
  const ended = new Promise<void>((resolve) => {
    lines.once('close', resolve);
    socket.once('error', () => resolve());
  });
  return {
    path,
    writerDone() {
      if (holdFd === undefined) return;
      closeSync(holdFd);
      holdFd = undefined;
    },
    async finished(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([ended, late]);
      clearTimeout(timer);
      lines.close();
      socket.destroy();
    },
  };
}
