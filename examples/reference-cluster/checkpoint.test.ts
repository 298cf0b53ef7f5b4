import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpoint,
  writeCheckpoint,
  type CheckpointBody,
} from './checkpoint.js';

const body: CheckpointBody = {
  node: 'n1',
  peers: ['n2=http://127.0.0.1:7002'],
  term: 3,
  snapshot: { position: { seq: 2, term: 3 }, data: { a: { value: 'α', seq: 1 }, b: { value: 'x', seq: 2 } } },
};

describe('checkpoint format', () => {
  it('reads back what it wrote, with the checksum', () => {
    const { text, checksum } = encodeCheckpoint(body);
    expect(text.split('\n')[0]).toMatch(/^refcluster-checkpoint v1 sha256=[0-9a-f]{64} bytes=\d+$/);
    expect(decodeCheckpoint(text)).toEqual({ ok: true, body, checksum });
  });

  const bytes = (): Buffer => Buffer.from(encodeCheckpoint(body).text);
  const cases: Array<[string, (b: Buffer) => Buffer, RegExp]> = [
    [
      'one flipped bit in the body',
      (b) => (b.writeUInt8(b[b.length - 5]! ^ 0x01, b.length - 5), b),
      /checksum mismatch/,
    ],
    ['zeroed bytes', (b) => b.fill(0, b.length - 20, b.length - 10), /checksum mismatch/],
    ['a truncated file', (b) => b.subarray(0, b.length - 7), /body is \d+ bytes, the header says/],
    ['garbage over the header', (b) => (b.write('garbage!', 0), b), /unreadable header/],
    ['an empty file', () => Buffer.alloc(0), /unreadable header/],
  ];
  for (const [what, corrupt, problem] of cases) {
    it(`detects ${what}`, () => {
      const decoded = decodeCheckpoint(corrupt(bytes()));
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.problem).toMatch(problem);
    });
  }
});

describe('checkpoint file', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('is written atomically and read back; a missing file is not corruption', async () => {
    dir = mkdtempSync(join(tmpdir(), 'refcluster-ckpt-'));
    const path = join(dir, 'sub', 'checkpoint.json');
    expect(await readCheckpoint(path)).toBe('missing');
    const { checksum, replaced } = await writeCheckpoint(path, body);
    expect(replaced).toBe('missing');
    expect(await readCheckpoint(path)).toEqual({ ok: true, body, checksum });
    const raw = readFileSync(path);
    raw[raw.length - 3] = raw[raw.length - 3]! ^ 0x80;
    writeFileSync(path, raw);
    const found = await readCheckpoint(path);
    expect(found !== 'missing' && !found.ok && found.problem).toMatch(/checksum mismatch/);
  });

  it('returns what the file it replaced held: a corruption after the last check is not lost', async () => {
    dir = mkdtempSync(join(tmpdir(), 'refcluster-ckpt-'));
    const path = join(dir, 'checkpoint.json');
    const first = await writeCheckpoint(path, body);
    expect((await writeCheckpoint(path, body)).replaced).toEqual({
      ok: true,
      body,
      checksum: first.checksum,
    });
    // Corrupted in place after the writer last verified it, just before it is replaced.
    const raw = readFileSync(path);
    raw[30] = raw[30]! ^ 0x80;
    writeFileSync(path, raw);
    const { replaced } = await writeCheckpoint(path, body);
    expect(replaced !== 'missing' && !replaced.ok && replaced.problem).toMatch(/unreadable header/);
    expect(await readCheckpoint(path)).toMatchObject({ ok: true, body });
  });
});
