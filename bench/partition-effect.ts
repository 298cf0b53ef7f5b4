/**
 * Watches a partition take effect from outside the injector: a loop in one node's network
 * namespace connects, again and again, to a closed port of a node on the other side. While the
 * path is open the peer's kernel refuses at once (RST); once either end drops the packets the
 * connect hangs. So the cut of that pair fell after the start of the last refused attempt and
 * at the start of the first hanging one (plus the few microseconds its SYN takes to reach a
 * rule). Its stamps are the container's wall clock, the same clock as the injector's marks.
 */
import type { Clock } from '../src/common/clock.js';
import { dockerClient } from '../src/common/docker.js';
import { startNetnsSidecar, type NetnsSidecar } from '../src/targets/docker/netns-sidecar.js';
import type { StartedTarget } from '../src/targets/target.js';
import { wallOffset } from '../src/injectors/partition/cut-clock.js';
import { median, type BenchRow } from './bench-report.js';

/** The instants (run clock, ms) that bracket the observed cut. */
export interface ObservedCut {
  /** Start of the last attempt the peer answered: the path was still open after it. */
  lastOpen: number;
  /** Start of the first attempt that got no answer: the cut was in place by then. */
  firstCut: number;
}

const STATE = '/dev/shm/firedrill-watch';

/** The loop: stamps each attempt before it starts, and records the answered ones. */
function watchScript(peerIp: string): string {
  return [
    `rm -f ${STATE}.*`,
    // Above the machine's load (which blurs the brackets), below the activation's nice -20.
    'renice -n -10 -p $$ >/dev/null 2>&1 || :',
    `echo $$ >${STATE}.pid`,
    // A FIFO nobody writes: `read -t` on it is a sub-millisecond pause without a fork.
    `mkfifo ${STATE}.idle && exec 7<>${STATE}.idle`,
    'while :; do',
    '  s=${EPOCHREALTIME/./}',
    `  echo "$s" >${STATE}.try`,
    `  : 2>/dev/null <>/dev/tcp/${peerIp}/9 || :`,
    `  echo "$s" >${STATE}.open`,
    '  read -t 0.0002 -u 7 || :',
    'done',
  ].join('\n');
}

/** Stops the loop and reads its last two stamps. */
const READ_AND_STOP = [
  `cat ${STATE}.open ${STATE}.try 2>/dev/null | tr '\\n' ' '`,
  `kill "$(cat ${STATE}.pid)" 2>/dev/null || true`,
].join('\n');

export class CutWatcher {
  private running: Promise<unknown> | undefined;

  private constructor(
    private readonly helper: NetnsSidecar,
    private readonly peerIp: string,
    private readonly clock: Clock,
  ) {}

  /** A watcher in `from`'s namespace, aimed at `to`'s address on the run's network. */
  static async start(target: StartedTarget, from: string, to: string, runId: string, clock: Clock) {
    const network = target.network!.name;
    const ref = (name: string) => target.node(name).ref() as { kind: 'container'; id: string };
    const info = await dockerClient().getContainer(ref(to).id).inspect();
    const ip = info.NetworkSettings.Networks[network]!.IPAddress;
    return new CutWatcher(await startNetnsSidecar(ref(from).id, runId), ip, clock);
  }

  /** Starts the loop and gives it a moment to run before the fault. */
  async watch(): Promise<void> {
    this.running = this.helper.exec(['bash', '-c', watchScript(this.peerIp)], 60_000).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  /** Stops the loop; undefined when it never saw the cut (its last attempt was answered). */
  async stop(): Promise<ObservedCut | undefined> {
    const out = await this.helper.exec(['bash', '-c', READ_AND_STOP]);
    await this.running;
    const [open, tried] = out.stdout.trim().split(/\s+/).map(Number);
    if (!open || !tried || open === tried) return undefined;
    const offset = wallOffset(this.clock);
    return { lastOpen: open / 1000 - offset, firstCut: tried / 1000 - offset };
  }

  remove(): Promise<void> {
    return this.helper.remove();
  }
}

/** One round of a partition: what the injector stated and what the watcher saw. */
export interface CutRound {
  /** t0 and its stated window (run clock). */
  window: { from: number; to: number };
  observed: ObservedCut | undefined;
  /** Each node's own span (run clock), from the fault's details. */
  nodes: Record<string, { from: number; to: number }>;
  /** The shared instant the nodes aimed at (run clock). */
  instant: number;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** One line per round: t0's ±, where the watcher put the cut, each node's commit. */
export function roundRow(i: number, round: CutRound): BenchRow {
  const { window, observed, nodes, instant } = round;
  const t0 = window.from;
  const seen = observed
    ? `effect in (${(observed.lastOpen - t0).toFixed(1)}, ${(observed.firstCut - t0).toFixed(1)}]`
    : 'effect not seen';
  const commits = Object.entries(nodes)
    .map(([node, span]) => `${node} +${(span.from - t0).toFixed(1)}/${(span.to - span.from).toFixed(1)}`)
    .join(' ');
  const late = (t0 - instant).toFixed(1);
  return {
    label: `  run ${i + 1}: t0 (instant +${late}) +${ms(window.to - t0)}; ${seen}; commits ${commits}`,
    value: '',
  };
}

/** Issue 10: an iptables partition's t0 and its effect agree within ~10 ms. */
const TARGET_MS = 10;

/**
 * Summary over the rounds: effect − t0 (the watcher's first unanswered attempt, an upper bound of
 * the cut), the stated ± (the window's width), and the rounds where the two disagree: the cut
 * surely before t0 (a failure t0 would miss) or surely after t0 + ± (an understated ±).
 */
export function summaryRows(rounds: readonly CutRound[]): BenchRow[] {
  const seen = rounds.filter((r) => r.observed);
  const effect = seen.map((r) => r.observed!.firstCut - r.window.from);
  const stated = rounds.map((r) => r.window.to - r.window.from);
  const early = seen.filter((r) => r.observed!.firstCut < r.window.from).length;
  const late = seen.filter((r) => r.observed!.lastOpen > r.window.to).length;
  const row = (label: string, values: number[], target?: number): BenchRow => {
    if (values.length === 0) return { label, value: 'none' };
    const value = median(values);
    return {
      label: `${label} (max ${ms(Math.max(...values))})`,
      value: ms(value),
      ...(target !== undefined && { target: `<= ${target} ms`, met: value <= target }),
    };
  };
  return [
    row(`partition: effect - t0, ${seen.length} of ${rounds.length} seen`, effect, TARGET_MS),
    row('partition: stated t0 +/- (window width)', stated, TARGET_MS),
    {
      label: 'partition: effect before t0 / after t0 + width',
      value: `${early} / ${late}`,
      target: '0 / 0',
      met: early === 0 && late === 0,
    },
  ];
}
