import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { dockerClient } from '../../common/docker.js';
import { TargetError, errorMessage } from '../../common/errors.js';
import type { ByteWrite, FileBytes } from './file-bytes.js';
import { readTarFile, writeTarFile, type TarFile } from './tar-entry.js';

/** Bigger files are not pulled into memory to change a few bytes. */
const MAX_BYTES = 256 * 1024 ** 2;

/**
 * A file in a stopped container: exec is impossible there, so the file comes out through
 * Docker's archive API, is changed in memory and goes back on `close`.
 */
export class ArchiveFileBytes implements FileBytes {
  private changed = false;

  private constructor(
    readonly label: string,
    private readonly containerId: string,
    private readonly path: string,
    private readonly file: TarFile,
  ) {}

  static async open(containerId: string, path: string, label: string): Promise<ArchiveFileBytes> {
    const container = dockerClient().getContainer(containerId);
    let archive: Buffer;
    try {
      archive = await collect((await container.getArchive({ path })) as Readable);
    } catch (error) {
      const missing = (error as { statusCode?: number }).statusCode === 404;
      throw new TargetError(`cannot corrupt ${label}: ${missing ? 'no such file' : errorMessage(error)}`);
    }
    const file = readTarFile(archive);
    if (!file) throw new TargetError(`cannot corrupt ${label}: it is not a regular file (or is over 8 GiB)`);
    return new ArchiveFileBytes(label, containerId, path, file);
  }

  async size(): Promise<number> {
    return this.file.data.length;
  }

  async read(offset: number, length: number): Promise<number[]> {
    return [...this.file.data.subarray(offset, offset + length)];
  }

  async readAt(offsets: readonly number[]): Promise<number[]> {
    return offsets.map((offset) => this.file.data[offset] ?? -1);
  }

  async write(writes: readonly ByteWrite[]): Promise<void> {
    for (const { offset, value } of writes) this.file.data[offset] = value;
    this.changed = true;
  }

  async truncate(length: number): Promise<void> {
    this.file.data = this.file.data.subarray(0, length);
    this.changed = true;
  }

  async close(): Promise<void> {
    if (!this.changed) return;
    const container = dockerClient().getContainer(this.containerId);
    await container.putArchive(writeTarFile(this.file), { path: posix.dirname(this.path) });
    this.changed = false;
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > MAX_BYTES + 1024 * 1024) {
      stream.destroy();
      throw new Error(`the file is larger than ${MAX_BYTES / 1024 ** 2} MiB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
