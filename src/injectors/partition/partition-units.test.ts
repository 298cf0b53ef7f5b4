import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../common/random.js';
import { partitionInjector } from '../partition.js';
import { partitionGroups } from './groups.js';
import { partitionSchema } from './partition-schema.js';
import { activateScript, buildScript, cutSpan, partitionWindow, revertScript } from './via-network.js';

const parse = (raw: Record<string, unknown>) => partitionSchema.parse({ type: 'partition', ...raw });

describe('partition sides', () => {
  it('halves cut the nodes in order, the second side the larger one', () => {
    expect(partitionGroups(parse({ split: 'halves' }), ['a', 'b', 'c', 'd'], Math.random)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(partitionGroups(parse({ split: 'halves' }), ['a', 'b', 'c', 'd', 'e'], Math.random)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('random halves are repeatable by seed and cover every node once', () => {
    const config = parse({ split: 'random-halves', seed: 7 });
    const first = partitionGroups(config, ['a', 'b', 'c', 'd'], Math.random);
    expect(partitionGroups(config, ['a', 'b', 'c', 'd'], seededRandom(1))).toEqual(first);
    expect(first.flat().sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects a cut given twice, a node on two sides, a one-group partition', () => {
    const issues = (raw: Record<string, unknown>) =>
      partitionSchema.safeParse({ type: 'partition', ...raw }).error?.issues.map((i) => i.message);
    expect(issues({ split: 'halves', groups: [['a'], ['b']] })).toEqual([
      'say how to cut: `split: halves` or `groups: [[a, b], [c, d]]` (one of them)',
    ]);
    expect(issues({ groups: [['a', 'b'], ['b']] })).toEqual([
      'node "b" is already in groups[0]: a node sits on one side only',
    ]);
    expect(issues({ groups: [['a', 'b']] })).toEqual(['a partition needs at least 2 groups']);
  });

  it('describes itself for plans', () => {
    expect(partitionInjector.describe(parse({ split: 'halves' }))).toBe(
      'partition the nodes into halves via network',
    );
    expect(partitionInjector.describe(parse({ groups: [['a'], ['b', 'c']], via: 'toxiproxy' }))).toBe(
      'partition a | b, c via toxiproxy',
    );
  });
});

describe('iptables scripts', () => {
  it('drops both directions for each peer in a chain of its own, then lists the rules', () => {
    expect(buildScript('FD-abc', ['10.0.0.3']).split('\n')).toEqual([
      'set -e',
      'iptables -w -N FD-abc',
      'iptables -w -A FD-abc -s 10.0.0.3 -j DROP',
      'iptables -w -A FD-abc -d 10.0.0.3 -j DROP',
    ]);
    const activate = activateScript('FD-abc', 1765130000123000000n).split('\n');
    // iptables-restore is started and handed the hooks before the instant; at it, one write commits.
    expect(activate.slice(0, 10)).toEqual([
      'set -e',
      'at_us=1765130000123000',
      'now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }',
      'fifo=$(mktemp -u /tmp/firedrill-cut.XXXXXX)',
      'mkfifo "$fifo"',
      'exec 3<>"$fifo"',
      'iptables-restore -w --noflush <"$fifo" 3>&- &',
      'restore=$!',
      "printf '*filter\\n-I INPUT 1 -j FD-abc\\n-I OUTPUT 1 -j FD-abc\\n' >&3",
      'w=$(( (at_us - $(now_us)) / 1000 - 3 ))',
    ]);
    expect(activate.slice(12)).toEqual([
      'before=${EPOCHREALTIME/./}',
      "printf 'COMMIT\\n' >&3",
      'exec 3>&-',
      'wait "$restore"',
      'after=${EPOCHREALTIME/./}',
      'rm -f "$fifo"',
      'echo "firedrill-cut-before ${before}000"',
      'echo "firedrill-cut-after ${after}000"',
      'iptables -w -S',
    ]);
    expect(revertScript('FD-abc')).toContain("! iptables -w -S | grep -q -- 'FD-abc'");
  });

  it('reads the span in which the cut went on from the marks, in wall-clock ms', () => {
    const out =
      'firedrill-cut-before 1765130000123456789\nfiredrill-cut-after 1765130000127000000\n-P INPUT ACCEPT\n';
    expect(cutSpan(out)).toEqual({ from: 1765130000123.456, to: 1765130000127 });
    expect(cutSpan('-P INPUT ACCEPT\n')).toBeUndefined();
    expect(
      cutSpan('firedrill-cut-before 1765130000127000000\nfiredrill-cut-after 1765130000123000000'),
    ).toBeUndefined();
  });
});

describe('partitionWindow', () => {
  it('starts at the first cut and is complete once every cross pair has one side cut', () => {
    const spans = new Map([
      ['a', { from: 100, to: 104 }],
      ['b', { from: 101, to: 105 }],
      ['c', { from: 150, to: 190 }],
      ['d', { from: 102, to: 103 }],
    ]);
    // a-c and b-c are cut by a and b (104, 105); a-d and b-d by d (103): complete at 105.
    expect(
      partitionWindow(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        spans,
      ),
    ).toEqual({ from: 100, to: 105 });
    expect(partitionWindow([['c'], ['a', 'b', 'd']], spans)).toEqual({ from: 100, to: 105 });
    expect(partitionWindow([['a'], ['b']], new Map())).toBeUndefined();
  });
});
