/** The shell scripts that put a partition's rules in a node's network namespace and take them out. */

/** `FD-1a2b3c`: the chain holding one fault's rules, so undo removes exactly those. */
export function chainName(suffix: string): string {
  return `FD-${suffix}`;
}

/** Marks the script prints (wall-clock nanoseconds): see activateScript. */
const MARKS = {
  ready: 'firedrill-cut-ready',
  commit: 'firedrill-cut-commit',
  open: 'firedrill-cut-open',
  refused: 'firedrill-cut-refused',
  exited: 'firedrill-cut-exited',
} as const;

/** First phase: the chain and its DROP rules, still unreferenced, so nothing is cut yet. */
export function buildScript(chain: string, peers: readonly string[]): string {
  const rules = peers.flatMap((ip) => [
    `iptables -w -A ${chain} -s ${ip} -j DROP`,
    `iptables -w -A ${chain} -d ${ip} -j DROP`,
  ]);
  return ['set -e', `iptables -w -N ${chain}`, ...rules].join('\n');
}

/** The script wakes this long before the instant and spins the rest (µs). */
const SPIN_US = 200;
/** Pause between two probe datagrams (s): the probe must not starve the commit it waits for. */
const PROBE_PAUSE_S = '0.0001';

/**
 * Second phase, on every node at once (a bash script: its clock, $EPOCHREALTIME, needs no fork).
 * Ahead of the instant it starts `iptables-restore` on a FIFO and hands it the hooks of the chain
 * into INPUT and OUTPUT (queued, not applied: nothing changes before COMMIT), so the process is
 * spawned and its libraries and the kernel's ruleset loaded while it waits. Then it waits for a
 * shared wall-clock instant (`read -t` on an idle FIFO, then a spin of the last 200 µs) and
 * commits with one write of `COMMIT` and the FIFO's end.
 *
 * The kernel switches to the new rules in one step somewhere inside that commit; the script
 * finds the step on the packet path itself: it sends one-byte datagrams to a peer's discard port
 * (9), and the first one the OUTPUT rule refuses (EPERM, at once) proves the cut; the start of the
 * last one that went out proves it was not yet in place. The span between them is the cut's
 * bound: a fraction of a millisecond when the script keeps the CPU, as long as it is kept off it
 * on a loaded machine; before, it ran to iptables-restore's exit, mostly after the cut. When no
 * datagram is refused even after iptables-restore exited, the span ends at its exit.
 * It first raises its priority to nice -20 where allowed (CAP_SYS_NICE; iptables-restore inherits
 * it); without the capability it runs as it is.
 */
export function activateScript(chain: string, atNs: bigint, probeIp: string): string {
  const stamp = (mark: string, variable: string): string => `echo "${mark} \${${variable}}000"`;
  return [
    'set -e',
    `at_us=${atNs / 1000n}`,
    'renice -n -20 -p $$ >/dev/null 2>&1 || :',
    'fifo=$(mktemp -u /tmp/firedrill-cut.XXXXXX)',
    'mkfifo "$fifo" "$fifo.idle"',
    // Read-write: opening never blocks, and our end stays the last writer (the reader closes fd 3).
    'exec 3<>"$fifo" 4<>"$fifo.idle"',
    'iptables-restore -w --noflush <"$fifo" 3>&- 4>&- &',
    'restore=$!',
    `printf '*filter\\n-I INPUT 1 -j ${chain}\\n-I OUTPUT 1 -j ${chain}\\n' >&3`,
    'ready=${EPOCHREALTIME/./}',
    `w=$(( at_us - ready - ${SPIN_US} ))`,
    // Nobody writes the idle FIFO: `read -t` is a sleep without a fork.
    'if (( w > 0 )); then printf -v frac %06d $(( w % 1000000 )); read -t "$(( w / 1000000 )).$frac" -u 4 || :; fi',
    'while (( ${EPOCHREALTIME/./} < at_us )); do :; done',
    'commit=${EPOCHREALTIME/./}',
    "printf 'COMMIT\\n' >&3",
    'exec 3>&-',
    'open=$commit refused= gone=0',
    'while :; do',
    '  s=${EPOCHREALTIME/./}',
    `  if ! printf x 2>/dev/null >/dev/udp/${probeIp}/9; then refused=\${EPOCHREALTIME/./}; break; fi`,
    '  open=$s',
    '  (( gone )) && break',
    '  kill -0 "$restore" 2>/dev/null || gone=1',
    `  read -t ${PROBE_PAUSE_S} -u 4 || :`,
    'done',
    'wait "$restore"',
    'exited=${EPOCHREALTIME/./}',
    'exec 4>&-',
    'rm -f "$fifo" "$fifo.idle"',
    stamp(MARKS.ready, 'ready'),
    stamp(MARKS.commit, 'commit'),
    stamp(MARKS.open, 'open'),
    'if [ -n "$refused" ]; then ' + stamp(MARKS.refused, 'refused') + '; fi',
    stamp(MARKS.exited, 'exited'),
    'iptables -w -S',
  ].join('\n');
}

/** What one node's activation printed, as wall-clock milliseconds. */
export interface CutMarks {
  ready: number;
  commit: number;
  /** Start of the last datagram that went out: the cut came after it. */
  open: number;
  /** End of the first datagram refused: the cut was in place; absent when none was. */
  refused?: number;
  exited: number;
}

/** The marks of one activation; undefined when one is missing or they are out of order. */
export function cutMarks(stdout: string): CutMarks | undefined {
  const mark = (name: string): number | undefined => {
    const match = new RegExp(`^${name} (\\d{10,})$`, 'm').exec(stdout);
    return match ? Number(BigInt(match[1]!) / 1000n) / 1000 : undefined;
  };
  const [ready, commit, open, refused, exited] = [
    mark(MARKS.ready),
    mark(MARKS.commit),
    mark(MARKS.open),
    mark(MARKS.refused),
    mark(MARKS.exited),
  ];
  if (ready === undefined || commit === undefined || open === undefined || exited === undefined)
    return undefined;
  if (open < commit || (refused !== undefined && refused < open)) return undefined;
  return { ready, commit, open, exited, ...(refused !== undefined && { refused }) };
}

/** The span in which the node's cut went on: after the last datagram out, by the first refused (else the exit). */
export function cutSpan(marks: CutMarks): { from: number; to: number } {
  return { from: marks.open, to: marks.refused ?? Math.max(marks.open, marks.exited) };
}

/** Removes the chain; succeeds only when no rule of it is left. */
export function revertScript(chain: string): string {
  return [
    `iptables -w -D INPUT -j ${chain} 2>/dev/null || true`,
    `iptables -w -D OUTPUT -j ${chain} 2>/dev/null || true`,
    `iptables -w -F ${chain} 2>/dev/null || true`,
    `iptables -w -X ${chain} 2>/dev/null || true`,
    `! iptables -w -S | grep -q -- '${chain}'`,
  ].join('\n');
}
