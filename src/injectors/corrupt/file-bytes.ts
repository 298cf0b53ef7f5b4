import { open, stat } from 'node:fs/promises';
import { TargetError } from '../../common/errors.js';

export interface ByteWrite {
  offset: number;
  value: number;
}

/**
 * Byte-level access to one file wherever it lives: on the host, in a running container (through
 * exec), in a stopped container (through Docker's archive API). Writes change the file in place.
 */
export interface FileBytes {
  /** Where the file is, for messages: "/data/db in web". */
  readonly label: string;
  size(): Promise<number>;
  /** `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<number[]>;
  /** One byte at each offset. */
  readAt(offsets: readonly number[]): Promise<number[]>;
  write(writes: readonly ByteWrite[]): Promise<void>;
  truncate(length: number): Promise<void>;
  /** Makes the changes land (the archive variant uploads the file here). */
  close(): Promise<void>;
  /**
   * Whether the path now names another file than the one opened: a program that rewrites its file
   * atomically (temporary file, then rename) replaced it, and the changes went to the old one.
   * Only where the file is held open across the writes (the others write through the path).
   */
  replaced?(): Promise<boolean>;
}

/** A file on the host, opened once for reading and writing in place (same inode: open handles see it). */
export class HostFileBytes implements FileBytes {
  private constructor(
    readonly label: string,
    private readonly path: string,
    private readonly handle: Awaited<ReturnType<typeof open>>,
  ) {}

  static async open(path: string, label = path): Promise<HostFileBytes> {
    try {
      return new HostFileBytes(label, path, await open(path, 'r+'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new TargetError(`cannot corrupt ${label}: ${code === 'ENOENT' ? 'no such file' : String(code)}`, {
        hint: "relative paths start at the scenario's directory",
      });
    }
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  async read(offset: number, length: number): Promise<number[]> {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    return [...buffer.subarray(0, bytesRead)];
  }

  async readAt(offsets: readonly number[]): Promise<number[]> {
    const values: number[] = [];
    for (const offset of offsets) values.push((await this.read(offset, 1))[0] ?? -1);
    return values;
  }

  async write(writes: readonly ByteWrite[]): Promise<void> {
    for (const { offset, value } of writes) await this.handle.write(Buffer.of(value), 0, 1, offset);
    await this.handle.sync();
  }

  async truncate(length: number): Promise<void> {
    await this.handle.truncate(length);
    await this.handle.sync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  async replaced(): Promise<boolean> {
    const [held, named] = await Promise.all([this.handle.stat(), stat(this.path).catch(() => undefined)]);
    return named === undefined || named.ino !== held.ino || named.dev !== held.dev;
  }
}
