import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectedExit, type GateDrill } from './gate-list.js';

export const REPORTERS = ['console', 'json', 'html', 'junit', 'markdown'] as const;

/** What the gate needs from one drill's run. */
export interface GateOutcome {
  drill: GateDrill;
  /** null: the drill did not run (`skipped` says why). */
  exitCode: number | null;
  /** Did the exit code match the expectation? */
  ok: boolean;
  runDir?: string;
  verdict?: string;
  reason?: string;
  ttd?: string;
  ttr?: string;
  lostWrites?: string;
  seconds: number;
  /** Why the drill did not run: its kubernetes cluster is missing (ok unless it was required). */
  skipped?: string;
}

/** The outcome of a drill that needs a cluster the gate does not have. */
export function notRunOutcome(drill: GateDrill, why: string, required: boolean): GateOutcome {
  const reason = required ? `FIREDRILL_REQUIRE_KUBERNETES=1 but no cluster: ${why}` : why;
  return { drill, exitCode: null, ok: !required, seconds: 0, skipped: reason, reason };
}

/** Runs one drill with `firedrill run`, its output passed through, and reads what it measured. */
export async function runGateDrill(
  drill: GateDrill,
  options: { cli: string; out: string; env?: NodeJS.ProcessEnv },
): Promise<GateOutcome> {
  const scenarioDir = join(options.out, drill.name);
  const before = new Set(listDirs(scenarioDir));
  const started = Date.now();
  const exitCode = await run(
    process.execPath,
    [options.cli, 'run', drill.file, '--out', options.out, '--reporter', ...REPORTERS],
    options.env ?? process.env,
  );
  const seconds = (Date.now() - started) / 1000;
  const runDir = listDirs(scenarioDir)
    .filter((dir) => !before.has(dir))
    .sort()
    .pop();
  const outcome: GateOutcome = { drill, exitCode, ok: exitCode === expectedExit[drill.expect], seconds };
  if (!runDir) return outcome;
  outcome.runDir = join(scenarioDir, runDir);
  return { ...outcome, ...readMeasurements(join(outcome.runDir, 'result.json')) };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

interface Measured {
  status: string;
  ms?: number;
  resolution?: { ms: number };
}

/** TTD, TTR and lost writes as result.json reports them; absent ones say why. */
function readMeasurements(file: string): Partial<GateOutcome> {
  if (!existsSync(file)) return {};
  const result = JSON.parse(readFileSync(file, 'utf8')) as {
    verdict?: string;
    reason?: string;
    measurements?: { detect?: Measured; recover?: Measured; data?: { lostWrites?: number } };
  };
  const m = result.measurements;
  return {
    verdict: result.verdict,
    reason: result.reason,
    ttd: timeText(m?.detect),
    ttr: timeText(m?.recover),
    lostWrites: m?.data?.lostWrites === undefined ? 'not measured' : String(m.data.lostWrites),
  };
}

function timeText(value: Measured | undefined): string {
  if (!value) return 'not measured';
  if (value.status !== 'measured' || value.ms === undefined) return value.status;
  const resolution = value.resolution ? ` ± ${Math.round(value.resolution.ms)} ms` : '';
  return `${Math.round(value.ms)} ms${resolution}`;
}
