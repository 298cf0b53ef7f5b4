/**
 * firedrill's footprint (issue 11, item 10), side by side with bare Node as the floor: wall time,
 * CPU time and peak RSS of `--help` and `validate` (each run RUNS times, medians shown), and the
 * peak RSS of the harness process during the quickstart drill (its cluster nodes are processes of
 * their own, not counted). Peak RSS is the kernel's: ru_maxrss through /usr/bin/time for the short
 * commands, VmHWM from /proc for the drill. The commands run as users run them: bin/firedrill.js,
 * which imports the bundle `npm run build` makes (scripts/build-cli.mjs).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { median, type BenchReport, type BenchRow } from './bench-report.js';

const repo = resolve(import.meta.dirname, '..');
const firedrill = join(repo, 'bin/firedrill.js');
const RUNS = 9;
const COMMAND_TARGET: Target = { ms: 300, mb: 70 };
const HARNESS_TARGET_MB = 80;
/** The CLI as bin/firedrill.js ran it before the bundle: tsc's modules, one file each. */
const fromTscOutput = [
  '--input-type=module',
  '-e',
  `const { main } = await import(${JSON.stringify(join(repo, 'dist/cli/main.js'))});
   process.exitCode = await main(['node', 'firedrill', ...process.argv.slice(1)]);`,
];

interface Footprint {
  /** Wall time. */
  ms: number;
  /** CPU time, user + system: what the process itself did, which a loaded machine hardly inflates. */
  cpuMs: number;
  mb: number;
}

type Target = Omit<Footprint, 'cpuMs'>;

export async function run(): Promise<BenchReport> {
  const loadBefore = machineLoad();
  const floor = await measure(['-e', '0']);
  const help = await measure([firedrill, '--help']);
  const validate = await measure([firedrill, 'validate', join(repo, 'scenarios/quickstart.yaml')]);
  const unbundled = await measure([...fromTscOutput, 'validate', join(repo, 'scenarios/quickstart.yaml')]);
  const harness = await quickstartHarnessPeakMb();
  return {
    rows: [
      ...commandRows('node -e 0 (the floor)', floor),
      ...commandRows('firedrill --help', help, COMMAND_TARGET),
      ...commandRows('firedrill validate quickstart.yaml', validate, COMMAND_TARGET),
      ...commandRows("the same from tsc's dist/, unbundled (before)", unbundled),
      {
        label: `quickstart drill: harness peak RSS (exit ${harness.exitCode})`,
        value: `${harness.mb.toFixed(1)} MB`,
        target: `<= ${HARNESS_TARGET_MB} MB`,
        met: harness.mb <= HARNESS_TARGET_MB,
      },
      // Wall times follow the machine's load (CPU time and peak RSS hardly do): read them with it.
      {
        label: 'machine load: 1-min load average, before / after',
        value: `${loadBefore} / ${machineLoad()}`,
      },
    ],
  };
}

function machineLoad(): string {
  return `${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
}

function commandRows(label: string, figures: Footprint, target?: Target): BenchRow[] {
  return [
    {
      label: `${label}: wall, median of ${RUNS}`,
      value: `${figures.ms.toFixed(0)} ms`,
      ...(target && { target: `<= ${target.ms} ms`, met: figures.ms <= target.ms }),
    },
    { label: `${label}: CPU (user+sys), median`, value: `${figures.cpuMs.toFixed(0)} ms` },
    {
      label: `${label}: peak RSS, median`,
      value: `${figures.mb.toFixed(1)} MB`,
      ...(target && { target: `<= ${target.mb} MB`, met: figures.mb <= target.mb }),
    },
  ];
}

/** Runs `node <args>` RUNS times under /usr/bin/time: the median wall time, CPU time and peak RSS. */
async function measure(args: readonly string[]): Promise<Footprint> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  const mb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stderr } = await promisify(execFile)(
      '/usr/bin/time',
      ['-f', 'footprint %e %U %S %M', process.execPath, ...args],
      {
        cwd: repo,
      },
    );
    const [, seconds, user, system, kb] = /footprint (\S+) (\S+) (\S+) (\d+)/.exec(stderr) ?? [];
    ms.push(Number(seconds) * 1000);
    cpuMs.push((Number(user) + Number(system)) * 1000);
    mb.push(Number(kb) / 1024);
  }
  return { ms: median(ms), cpuMs: median(cpuMs), mb: median(mb) };
}

/** `firedrill run scenarios/quickstart.yaml` as `npm run demo` runs it; VmHWM read until it exits. */
async function quickstartHarnessPeakMb(): Promise<{ mb: number; exitCode: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-footprint-'));
  const child = spawn(
    process.execPath,
    [firedrill, 'run', join(repo, 'scenarios/quickstart.yaml'), '--out', 'reports'],
    {
      cwd: dir,
      stdio: 'ignore',
    },
  );
  let peakKb = 0;
  // VmHWM only grows: the last reading before the process ends is its peak, give or take 50 ms.
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, child.pid === undefined ? 0 : (highWaterKb(child.pid) ?? 0));
  }, 50);
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(sampler);
  return { mb: peakKb / 1024, exitCode };
}

function highWaterKb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
