/**
 * The checkpoint file: one header line with the SHA-256 and length of the body, then the body (JSON).
 *
 *   refcluster-checkpoint v1 sha256=<hex> bytes=<n>
 *   {"node":"n1","term":3,"snapshot":{...}}
 *
 * Any changed, missing or added byte makes the header and the body disagree: the file is corrupt.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Snapshot } from './store.js';

export interface CheckpointBody {
  node: string;
  /** The peers' addresses when it was written: a checkpoint of another cluster is not loaded. */
  peers: string[];
  term: number;
  snapshot: Snapshot;
}

export type Decoded = { ok: true; body: CheckpointBody; checksum: string } | { ok: false; problem: string };

const HEADER = /^refcluster-checkpoint v1 sha256=([0-9a-f]{64}) bytes=(\d+)$/;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function encodeCheckpoint(body: CheckpointBody): { text: string; checksum: string } {
  const json = JSON.stringify(body);
  const checksum = sha256(json);
  const header = `refcluster-checkpoint v1 sha256=${checksum} bytes=${Buffer.byteLength(json)}`;
  return { text: `${header}\n${json}`, checksum };
}

/** Checks the bytes against the header (byte for byte: a flipped bit anywhere shows). */
export function decodeCheckpoint(data: Buffer | string): Decoded {
  const raw = typeof data === 'string' ? Buffer.from(data) : data;
  const newline = raw.indexOf(0x0a);
  const header = HEADER.exec(raw.subarray(0, newline < 0 ? raw.length : newline).toString('latin1'));
  if (!header) return { ok: false, problem: 'unreadable header' };
  const [, expected, bytes] = header as unknown as [string, string, string];
  const body = raw.subarray(newline + 1);
  if (body.length !== Number(bytes)) {
    return { ok: false, problem: `body is ${body.length} bytes, the header says ${bytes}` };
  }
  const found = sha256(body);
  if (found !== expected) {
    return {
      ok: false,
      problem: `checksum mismatch (header ${expected.slice(0, 12)}…, body ${found.slice(0, 12)}…)`,
    };
  }
  try {
    return { ok: true, body: JSON.parse(body.toString('utf8')) as CheckpointBody, checksum: found };
  } catch {
    // The checksum matched what was written, so the writer wrote something that is not JSON.
    return { ok: false, problem: 'the body is not JSON' };
  }
}

export interface Written {
  checksum: string;
  /** What the file it replaced held at the end, or 'missing' when there was none. */
  replaced: Decoded | 'missing';
}

/**
 * Writes atomically (temporary file, then rename): a crash never leaves half a checkpoint. The
 * file it replaces is held open across the rename and read after it: a change made to it after
 * the caller last checked it (up to the rename) is still in what `replaced` holds, not lost.
 */
export async function writeCheckpoint(path: string, body: CheckpointBody): Promise<Written> {
  const { text, checksum } = encodeCheckpoint(body);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  await writeFile(temporary, text);
  const previous = await open(path, 'r').catch(() => undefined);
  try {
    await rename(temporary, path);
    return { checksum, replaced: previous ? decodeCheckpoint(await previous.readFile()) : 'missing' };
  } finally {
    await previous?.close();
  }
}

/** The decoded checkpoint, or 'missing' when there is none (a node's first start). */
export async function readCheckpoint(path: string): Promise<Decoded | 'missing'> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return { ok: false, problem: `cannot read it: ${(error as Error).message}` };
  }
  return decodeCheckpoint(raw);
}
