import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../common/random.js';
import { partitionInjector } from '../partition.js';
import { partitionGroups } from './groups.js';
import { partitionSchema } from './partition-schema.js';
import { activateScript, buildScript, cutMarks, cutSpan, revertScript } from './cut-scripts.js';
import { partitionWindow } from './via-network.js';

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
    const activate = activateScript('FD-abc', 1765130000123000000n, '10.0.0.3').split('\n');
    // iptables-restore is started and handed the hooks before the instant; at it, one write commits.
    expect(activate.slice(0, 10)).toEqual([
      'set -e',
      'at_us=1765130000123000',
      'renice -n -20 -p $$ >/dev/null 2>&1 || :',
      'fifo=$(mktemp -u /tmp/firedrill-cut.XXXXXX)',
      'mkfifo "$fifo" "$fifo.idle"',
      'exec 3<>"$fifo" 4<>"$fifo.idle"',
      'iptables-restore -w --noflush <"$fifo" 3>&- 4>&- &',
      'restore=$!',
      "printf '*filter\\n-I INPUT 1 -j FD-abc\\n-I OUTPUT 1 -j FD-abc\\n' >&3",
      'ready=${EPOCHREALTIME/./}',
    ]);
    const commitAt = activate.indexOf("printf 'COMMIT\\n' >&3");
    expect(activate[commitAt - 1]).toBe('commit=${EPOCHREALTIME/./}');
    // After the commit, datagrams to a peer until one is refused: the cut seen on the packet path.
    expect(activate.slice(commitAt + 1, commitAt + 6)).toEqual([
      'exec 3>&-',
      'open=$commit refused= gone=0',
      'while :; do',
      '  s=${EPOCHREALTIME/./}',
      '  if ! printf x 2>/dev/null >/dev/udp/10.0.0.3/9; then refused=${EPOCHREALTIME/./}; break; fi',
    ]);
    expect(activate.at(-1)).toBe('iptables -w -S');
    expect(revertScript('FD-abc')).toContain("! iptables -w -S | grep -q -- 'FD-abc'");
  });

  it('reads the marks of the activation as wall-clock ms, and the cut between the last datagram out and the first refused', () => {
    const lines = (refused: boolean) =>
      [
        'firedrill-cut-ready 1765130000100000000',
        'firedrill-cut-commit 1765130000123000000',
        'firedrill-cut-open 1765130000123456789',
        ...(refused ? ['firedrill-cut-refused 1765130000123512000'] : []),
        'firedrill-cut-exited 1765130000170000000',
        '-P INPUT ACCEPT',
      ].join('\n');
    const marks = cutMarks(lines(true))!;
    expect(marks).toEqual({
      ready: 1765130000100,
      commit: 1765130000123,
      open: 1765130000123.456,
      refused: 1765130000123.512,
      exited: 1765130000170,
    });
    expect(cutSpan(marks)).toEqual({ from: 1765130000123.456, to: 1765130000123.512 });
    // No datagram refused: the cut is bounded by iptables-restore's exit.
    expect(cutSpan(cutMarks(lines(false))!)).toEqual({ from: 1765130000123.456, to: 1765130000170 });
    expect(cutMarks('-P INPUT ACCEPT\n')).toBeUndefined();
    expect(
      cutMarks(lines(true).replace('cut-open 1765130000123456789', 'cut-open 1765130000000000000')),
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
