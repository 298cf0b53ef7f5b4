import { TargetError } from '../../common/errors.js';
import type { TargetNode } from '../../targets/target.js';
import { shellOutput, type ShellOptions } from './node-shell.js';

/**
 * Hog processes started inside a container with POSIX shell tools only (no image changes needed).
 * Each writes its pids to a pid file in the container; the undo step SIGKILLs them from that file.
 */

export type HogKind = 'memory' | 'cpu';

export function containerPidFile(kind: HogKind, token: string): string {
  return `/tmp/firedrill-${kind}-${token}.pids`;
}

/** The undo command: works on a partial or missing pid file, so it can always run. */
export function killHogsCommand(pidFile: string): string[] {
  return ['sh', '-c', 'kill -9 $(cat "$1" 2>/dev/null) 2>/dev/null; rm -f "$1"', 'firedrill-undo', pidFile];
}

// Holds $2 bytes: tail keeps an unterminated line in memory until its input ends, and the writer
// sleeps instead of ending it (verified on cgroup v1: charged to the container, OOM-killed past
// the limit). A holder shell named firedrill-memory-hog (what ps shows) waits on both; all three
// record their pids. The scripts travel as arguments, so no quoting nests.
const SHELL_MEMORY_HOG = `F=$1; N=$2
WRITER='echo $$ >> "$1"; head -c "$2" /dev/zero; exec sleep 2147483647'
HOLDER='echo $$ >> "$1"; sh -c "$3" firedrill-memory-hog "$1" "$2" | tail & echo $! >> "$1"; wait'
sh -c "$HOLDER" firedrill-memory-hog "$F" "$N" "$WRITER" </dev/null >/dev/null 2>&1 &
echo $!`;

const STRESS_NG_MEMORY_HOG = `F=$1
stress-ng --vm 1 --vm-bytes "$2" --vm-keep --vm-hang 0 --quiet </dev/null >/dev/null 2>&1 &
echo $! >> "$F"
echo $!`;

export type MemoryHogTool = 'stress-ng' | 'shell';

/** Which tool the image offers: stress-ng when present (unless told otherwise), else the shell hog. */
export async function memoryHogTool(
  node: TargetNode,
  wanted: 'auto' | MemoryHogTool,
  options: ShellOptions,
): Promise<MemoryHogTool> {
  if (wanted === 'shell') return 'shell';
  const found = await shellOutput(node, 'looking for stress-ng', 'command -v stress-ng || true', [], options);
  if (found.trim()) return 'stress-ng';
  if (wanted === 'auto') return 'shell';
  throw new TargetError(`memory fault on ${node.name}: its image has no stress-ng`, {
    hint: 'use `via: shell` (POSIX tools only) or `via: auto`, or add stress-ng to the image',
  });
}

/** Starts a memory hog of `bytes`; resolves with the pid whose life is the hog's. */
export async function startMemoryHog(
  node: TargetNode,
  tool: MemoryHogTool,
  pidFile: string,
  bytes: number,
  options: ShellOptions,
): Promise<number> {
  const script = tool === 'stress-ng' ? STRESS_NG_MEMORY_HOG : SHELL_MEMORY_HOG;
  const out = await shellOutput(node, `starting a ${tool} memory hog`, script, [pidFile, bytes], options);
  return Number(out.trim());
}

// Each worker is a busy shell loop. Below 100% load a throttle beside it lets it run for $3 s of
// every 100 ms (SIGCONT) and holds it for $4 s (SIGSTOP), and ends when the worker is gone.
const CPU_WORKERS = `F=$1; W=$2; ON=$3; OFF=$4
if [ "$OFF" != 0 ] && ! sleep 0.01 2>/dev/null; then
  echo "sleep in this image takes no fractions of a second: use load: 100" >&2; exit 3
fi
i=0
while [ "$i" -lt "$W" ]; do
  sh -c 'while :; do :; done' firedrill-cpu-worker </dev/null >/dev/null 2>&1 &
  b=$!; echo "$b" >> "$F"; echo "$b"
  if [ "$OFF" != 0 ]; then
    sh -c 'echo $$ >> "$1"; while kill -CONT "$2" 2>/dev/null; do sleep "$3"; kill -STOP "$2" 2>/dev/null; sleep "$4"; done' firedrill-cpu-throttle "$F" "$b" "$ON" "$OFF" </dev/null >/dev/null 2>&1 &
  fi
  i=$((i + 1))
done`;

/** Starts `workers` busy loops at `load` percent; resolves with the workers' pids. */
export async function startCpuWorkers(
  node: TargetNode,
  pidFile: string,
  workers: number,
  load: number,
  options: ShellOptions,
): Promise<number[]> {
  const on = ((load / 100) * 0.1).toFixed(3);
  const off = load >= 100 ? '0' : (0.1 - Number(on)).toFixed(3);
  const out = await shellOutput(
    node,
    'starting CPU workers',
    CPU_WORKERS,
    [pidFile, workers, on, off],
    options,
  );
  return out.split(/\s+/).filter(Boolean).map(Number);
}

export interface HogStatus {
  /** Pids the pid file lists: each hog process adds itself as it starts. */
  listed: number;
  alive: number;
  /** The shell hog's writer is done (it became `sleep`): the whole size went into the pipe. */
  written: boolean;
}

/** The hog's processes, from its pid file (zombies count as gone). */
export async function hogStatus(
  node: TargetNode,
  pidFile: string,
  options: ShellOptions,
): Promise<HogStatus> {
  const script = `n=0; a=0; w=0
for p in $(cat "$1" 2>/dev/null); do
  n=$((n + 1)); s=$(cut -d' ' -f3 /proc/$p/stat 2>/dev/null) && [ "$s" != Z ] && a=$((a + 1))
  grep -q '^sleep' /proc/$p/cmdline 2>/dev/null && w=1
done
echo $n $a $w`;
  const [listed = 0, alive = 0, written = 0] = (
    await shellOutput(node, 'checking the hog', script, [pidFile], options)
  )
    .trim()
    .split(/\s+/)
    .map(Number);
  return { listed, alive, written: written === 1 };
}

/** CPU ticks (user + system) each pid used during `seconds`; a pid that vanished reports -1. */
export async function cpuTicksOver(
  node: TargetNode,
  pids: readonly number[],
  seconds: number,
  options: ShellOptions,
): Promise<Map<number, number>> {
  const script = `S=$1; shift
ticks() { for p in "$@"; do set -- $(cut -d' ' -f14,15 /proc/$p/stat 2>/dev/null || echo x x); [ "$1" = x ] && echo -1 || echo $(($1 + $2)); done; }
A=$(ticks "$@"); sleep "$S"; B=$(ticks "$@"); echo $A; echo $B`;
  const out = await shellOutput(node, 'measuring CPU use', script, [seconds, ...pids], options);
  const [before = [], after = []] = out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  return new Map(pids.map((pid, i) => [pid, used(before[i], after[i])]));
}

function used(before: number | undefined, after: number | undefined): number {
  if (before === undefined || after === undefined || before < 0 || after < 0) return -1;
  return after - before;
}
