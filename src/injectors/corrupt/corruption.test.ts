import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultNoEffectError } from '../../common/errors.js';
import { seededRandom } from '../../common/random.js';
import { corrupt, describeCorruption, distinctOffsets, type Corruption } from './corruption.js';
import { runs } from './exec-file-bytes.js';
import { HostFileBytes } from './file-bytes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A file of `size` bytes 1, 2, ..., 255, 1, 2... (no zeros) or all zeros. */
function fileOf(size: number, zeros = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-corrupt-'));
  dirs.push(dir);
  const path = join(dir, 'data.bin');
  writeFileSync(path, Buffer.from(Array.from({ length: size }, (_, i) => (zeros ? 0 : (i % 255) + 1))));
  return path;
}

async function corruptFile(path: string, mode: Corruption['mode'], bytes: number, seed: number) {
  const file = await HostFileBytes.open(path);
  try {
    return await corrupt(file, mode, bytes, seededRandom(seed));
  } finally {
    await file.close();
  }
}

describe('corruption', () => {
  it('bitflip: one bit differs at each reported offset, and nowhere else', async () => {
    const path = fileOf(10_000);
    const original = readFileSync(path);
    const result = await corruptFile(path, 'bitflip', 8, 42);
    if (result.mode === 'truncate') throw new Error('unexpected mode');
    const now = readFileSync(path);
    expect(result.changes).toHaveLength(8);
    expect(new Set(result.changes.map((c) => c.offset)).size).toBe(8);
    for (const { offset, old, new: value } of result.changes) {
      expect(original[offset]).toBe(old);
      expect(now[offset]).toBe(value);
      const flipped = (old ^ value).toString(2);
      expect(flipped.replace(/0/g, '')).toBe('1');
    }
    const differing = [...now.keys()].filter((i) => now[i] !== original[i]);
    expect(differing).toEqual(result.changes.map((c) => c.offset));
  });

  it('is repeatable by seed: the same seed on the same file picks the same bytes and values', async () => {
    const [a, b] = [fileOf(5000), fileOf(5000)];
    const first = await corruptFile(a, 'garbage', 16, 7);
    expect(await corruptFile(b, 'garbage', 16, 7)).toEqual(first);
    expect(readFileSync(a)).toEqual(readFileSync(b));
    expect(await corruptFile(fileOf(5000), 'garbage', 16, 8)).not.toEqual(first);
  });

  it('garbage and zero: a contiguous run, each reported byte changed', async () => {
    const garbage = await corruptFile(fileOf(4096), 'garbage', 512, 3);
    if (garbage.mode === 'truncate') throw new Error('unexpected mode');
    expect(garbage.changes).toHaveLength(512);
    const start = garbage.changes[0]!.offset;
    expect(garbage.changes.map((c) => c.offset)).toEqual(Array.from({ length: 512 }, (_, i) => start + i));
    expect(garbage.changes.every((c) => c.old !== c.new)).toBe(true);

    const path = fileOf(4096);
    const zero = await corruptFile(path, 'zero', 100, 3);
    if (zero.mode === 'truncate') throw new Error('unexpected mode');
    const now = readFileSync(path);
    expect(zero.changes.every((c) => c.new === 0 && c.old !== 0 && now[c.offset] === 0)).toBe(true);
  });

  it('zero on a file of zeros has no effect and says so', async () => {
    const error = await corruptFile(fileOf(1000, true), 'zero', 4, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultNoEffectError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/16 runs of 4 bytes were all zeros already$/),
      hint: 'the file is (mostly) zeros: use mode bitflip or garbage',
    });
  });

  it('truncate: cuts the last bytes off and reports what they were', async () => {
    const path = fileOf(1000);
    const result = await corruptFile(path, 'truncate', 100, 1);
    expect(result).toEqual({
      mode: 'truncate',
      oldSize: 1000,
      newSize: 900,
      removed: Buffer.from(Array.from({ length: 64 }, (_, i) => ((900 + i) % 255) + 1)).toString('hex'),
    });
    expect(readFileSync(path)).toHaveLength(900);
    expect(await corruptFile(path, 'truncate', 5000, 1)).toMatchObject({ newSize: 0 });
  });

  it('an empty file cannot be corrupted', async () => {
    await expect(corruptFile(fileOf(0), 'bitflip', 1, 1)).rejects.toThrow(/the file is empty/);
  });

  it('picks distinct sorted offsets, also when nearly every byte is wanted', () => {
    expect(distinctOffsets(10, 10, seededRandom(1))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const sparse = distinctOffsets(1 << 30, 100, seededRandom(2));
    expect(new Set(sparse).size).toBe(100);
    expect(sparse).toEqual([...sparse].sort((a, b) => a - b));
  });

  it('groups consecutive writes into runs (one dd each in a container)', () => {
    const writes = [5, 1, 2, 3, 9].map((offset) => ({ offset, value: offset }));
    expect(runs(writes)).toEqual([
      { offset: 1, values: [1, 2, 3] },
      { offset: 5, values: [5] },
      { offset: 9, values: [9] },
    ]);
  });

  it('describes what it did in one line', () => {
    const change = (offset: number) => ({ offset, old: 1, new: 0 });
    expect(describeCorruption({ mode: 'zero', size: 9, changes: [change(3)] }, 'f in web')).toBe(
      'zeroed 1 byte of f in web at offset 3',
    );
    const many = [1, 2, 3, 4, 5, 6, 7].map(change);
    expect(describeCorruption({ mode: 'bitflip', size: 9, changes: many }, 'f')).toBe(
      'flipped a bit in 7 bytes of f at offsets 1, 2, 3, 4, 5, ... (2 more)',
    );
  });
});
