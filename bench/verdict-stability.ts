/**
 * Verdict stability under contention (issue 10, item 8): each drill runs once unloaded (its
 * reference verdict), then N times (default 10, `--runs N`) while a CPU hog keeps every core busy.
 * A false verdict is a loaded run that did not pass although the unloaded reference did. Target: 0.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchReport, BenchRow } from './bench-report.js';
import { startCpuHog } from './cpu-hog.js';

const repoRoot = resolve(import.meta.dirname, '..');
const drills = [
  'scenarios/quickstart.yaml',
  'scenarios/redis-sentinel/primary-kill.yaml',
  'scenarios/etcd/partition-halves.yaml',
];

interface RunVerdict {
  verdict: string;
  reason?: string;
  /** The run directory (kept: events.ndjson and result.json explain a false verdict). */
  dir?: string;
  /** The 1-minute load average when the run started and when it ended. */
  load?: readonly [number, number];
}

export async function run(): Promise<BenchReport> {
  const runs = runsOption(process.argv);
  // Every run directory is kept: a false verdict is explained by its events and result.
  const keep = mkdtempSync(join(tmpdir(), 'firedrill-verdict-stability-'));
  const rows: BenchRow[] = [{ label: 'run directories', value: keep }];
  for (const drill of drills) {
    const reference = await runDrill(drill, keep);
    const loaded: RunVerdict[] = [];
    const hog = startCpuHog();
    try {
      for (let i = 0; i < runs; i++) loaded.push(await runDrill(drill, keep));
    } finally {
      await hog.stop();
    }
    rows.push(...drillRows(drill, reference, loaded, hog.workers));
  }
  return { rows };
}

/** `1.2-3.4` (start-end) for one run, `min-max` over many. */
function loadRange(runs: readonly RunVerdict[]): string {
  const all = runs.flatMap((r) => r.load ?? []);
  if (all.length === 0) return '?';
  return `${Math.min(...all).toFixed(1)}-${Math.max(...all).toFixed(1)}`;
}

/** Per drill: the unloaded reference, the loaded verdict counts, the false verdicts and why. */
export function drillRows(
  drill: string,
  reference: RunVerdict,
  loaded: RunVerdict[],
  workers: number,
): BenchRow[] {
  const name = drill.replace(/^scenarios\//, '');
  const counts = new Map<string, number>();
  for (const r of loaded) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const counted = [...counts].map(([verdict, n]) => `${verdict} ${n}`).join(', ');
  const referencePassed = reference.verdict === 'passed';
  const falses = referencePassed ? loaded.filter((r) => r.verdict !== 'passed') : [];
  return [
    {
      label: `${name}: unloaded (load ${loadRange([reference])})`,
      value: reference.verdict + (reference.reason ? `: ${reference.reason.slice(0, 90)}` : ''),
    },
    {
      label: `${name}: ${loaded.length} runs, ${workers} busy loops (load ${loadRange(loaded)})`,
      value: counted || 'none',
    },
    referencePassed
      ? {
          label: `${name}: false verdicts`,
          value: String(falses.length),
          target: '0',
          met: falses.length === 0,
        }
      : {
          // No reference to call a loaded verdict false against: the target cannot be claimed.
          label: `${name}: false verdicts`,
          value: `n/a (unloaded run did not pass; ${loaded.filter((r) => r.verdict !== 'passed').length} loaded runs did not pass)`,
          target: '0',
          met: false,
        },
    ...falses.map((r, i) => ({
      label: `  false ${i + 1}: ${r.verdict} (load ${loadRange([r])})`,
      value: `${(r.reason ?? '').slice(0, 100)}${r.dir ? ` [${r.dir}]` : ''}`,
    })),
  ];
}

/** `--runs N` anywhere in the arguments; default 10. */
export function runsOption(argv: readonly string[]): number {
  const at = argv.indexOf('--runs');
  if (at === -1) return 10;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--runs expects a whole number >= 1, found ${argv[at + 1]}`);
  return value;
}

/** One drill through the built CLI in a directory of its own under `keep`; its verdict from result.json. */
async function runDrill(drill: string, keep: string): Promise<RunVerdict> {
  const out = mkdtempSync(join(keep, 'run-'));
  const loadAtStart = loadavg()[0] as number;
  const code = await new Promise<number | null>((done) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin/firedrill.js'), 'run', join(repoRoot, drill), '--out', out],
      { cwd: out, stdio: 'ignore' },
    );
    child.on('close', done);
  });
  const load = [loadAtStart, loadavg()[0] as number] as const;
  return {
    ...(readResultUnder(out) ?? { verdict: 'error', reason: `no result.json (exit ${code})`, dir: out }),
    load,
  };
}

function readResultUnder(out: string): RunVerdict | undefined {
  for (const scenario of readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const run of readdirSync(join(out, scenario.name))) {
      const dir = join(out, scenario.name, run);
      try {
        const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as RunVerdict;
        return {
          verdict: result.verdict,
          ...(result.reason !== undefined && { reason: result.reason }),
          dir,
        };
      } catch {
        // not a run directory
      }
    }
  }
  return undefined;
}
