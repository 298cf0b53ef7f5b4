import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../../common/fuzz-runs.js';
import { judgeRound } from './compare-states.js';
import type { RoundReading } from './normalise.js';

const read = (text: string): RoundReading => ({ ok: true, text });
const agree = { agree: true, unchanged: false };

describe('judging a round of reads', () => {
  it('holds when every replica answers the same state', () => {
    expect(judgeRound({ n1: read('a'), n2: read('a'), n3: read('a') }, undefined, agree)).toEqual({
      ok: true,
    });
  });

  it('names the replica outside the majority, with what each group held', () => {
    const judged = judgeRound({ n1: read('4096'), n2: read('4096'), n3: read('1') }, undefined, agree);
    expect(judged).toEqual({
      ok: false,
      divergent: { n3: '1' },
      reason: 'n3 differs: n1, n2 → 4096; n3 → 1',
    });
  });

  it('names every replica when no state is held by more nodes than any other', () => {
    const judged = judgeRound({ n1: read('a'), n2: read('b') }, undefined, agree);
    expect(judged.ok === false && Object.keys(judged.divergent)).toEqual(['n1', 'n2']);
  });

  it('counts a replica that could not be read as differing, with the error', () => {
    const judged = judgeRound(
      { n1: read('a'), n2: read('a'), n3: { ok: false, error: 'HTTP 503' } },
      undefined,
      agree,
    );
    expect(judged).toMatchObject({ ok: false, divergent: { n3: 'read failed: HTTP 503' } });
    expect(judged.ok === false && judged.reason).toContain('n3 could not be read (HTTP 503)');
  });

  it('with unchanged: names the replicas whose state is not the one read before the fault', () => {
    const before = { n1: 'x', n2: 'x' };
    const judged = judgeRound({ n1: read('x'), n2: read('y') }, before, { agree: false, unchanged: true });
    expect(judged).toEqual({
      ok: false,
      divergent: { n2: 'y' },
      reason: 'n2 changed: was x, now y',
    });
    expect(judgeRound({ n1: read('x'), n2: read('x') }, before, { agree: true, unchanged: true })).toEqual({
      ok: true,
    });
  });

  it('shows a long state where it differs from the common one, and a digest of the whole', () => {
    const settings = (max: number) => `{"cluster":"reference","replication":"sync","max_value_bytes":${max}}`;
    const judged = judgeRound(
      { n1: read(settings(4096)), n2: read(settings(4096)), n3: read(settings(1)) },
      undefined,
      agree,
    );
    if (judged.ok) throw new Error('expected n3 to differ');
    expect(judged.divergent.n3).toMatch(/^….*"max_value_bytes":1} \(sha256 [0-9a-f]{12}\)$/);
    expect(judged.reason).toMatch(
      /^n3 differs: n1, n2 → ….*:4096} \(sha256 [0-9a-f]{12}\); n3 → ….*:1} \(sha256 /,
    );
  });

  it('shows a long state by its start when the other is nothing like it', () => {
    const long = `{"data":"${'f'.repeat(100)}"}`;
    const judged = judgeRound({ n1: read(long), n2: read(long), n3: read('{}') }, undefined, agree);
    expect(judged.ok === false && judged.reason).toMatch(
      /n1, n2 → \{"data":"f+… \(sha256 [0-9a-f]{12}\); n3 → \{\}$/,
    );
  });

  it('holds exactly when all replicas read the same (any states, any failures)', () => {
    const reading = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map(read),
      fc.constant<RoundReading>({ ok: false, error: 'down' }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5'), reading, { minKeys: 1 }),
        (round) => {
          const judged = judgeRound(round, undefined, agree);
          const texts = Object.values(round).map((r) => (r.ok ? r.text : undefined));
          const same = texts.every((t) => t !== undefined && t === texts[0]);
          expect(judged.ok).toBe(same);
          if (judged.ok) return;
          // Named nodes are real replicas, and a strict majority's members are never named.
          for (const node of Object.keys(judged.divergent)) expect(Object.keys(round)).toContain(node);
          for (const text of new Set(texts)) {
            const holders = Object.keys(round).filter(
              (n) => round[n]!.ok && (round[n] as { text: string }).text === text,
            );
            if (text !== undefined && holders.length * 2 > texts.length)
              for (const n of holders) expect(judged.divergent).not.toHaveProperty(n);
          }
        },
      ),
      { seed: fuzzSeed, numRuns: fuzzRuns(300) },
    );
  });
});
