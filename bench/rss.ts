/**
 * firedrill's memory during a long drill: 3 probes at 20/s and 200 req/s of load (k6 when
 * installed: its results stream through firedrill; FIREDRILL_K6=none for the built-in load, which
 * runs inside firedrill). The CLI runs as its own process; its RSS is read from /proc every second.
 * Five minutes by default (FIREDRILL_BENCH_RSS_SECONDS shortens it for a quick look).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DrillResult } from '../src/engine/result.js';
import { median, type BenchReport } from './bench-report.js';

const SECONDS = Number(process.env.FIREDRILL_BENCH_RSS_SECONDS ?? 300);
const TARGET_MB = 200;
const repo = resolve(import.meta.dirname, '..');

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-rss-'));
  const file = join(dir, 'rss.yaml');
  writeFileSync(file, scenario());
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [join(repo, 'bin/firedrill.js'), 'run', file, '--out', 'reports', '--reporter', 'json'],
    {
      cwd: dir,
      stdio: 'ignore',
    },
  );
  const rss: number[] = [];
  const sampler = setInterval(() => {
    const kb = child.pid === undefined ? undefined : rssKb(child.pid);
    if (kb !== undefined) rss.push(kb / 1024);
  }, 1000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(sampler);
  const result = readResult(join(dir, 'reports', 'bench-rss'));
  const peak = Math.max(...rss);
  const mb = (value: number): string => `${value.toFixed(1)} MB`;
  return {
    rows: [
      {
        label: `drill length (exit ${code}, verdict ${result?.verdict ?? 'none'})`,
        value: `${((Date.now() - started) / 1000).toFixed(0)} s`,
      },
      {
        label: `load: ${result?.load?.generator ?? '?'}, requests`,
        value: String(result?.load?.requests ?? 0),
      },
      { label: 'probe samples', value: String(result?.samples.length ?? 0) },
      // On a busy machine a few 50 ms checks overrun: their next ticks are skipped, not failed.
      {
        label: 'skipped ticks',
        value: String(result?.probes.reduce((n, p) => n + (p.skippedTicks ?? 0), 0) ?? 0),
      },
      { label: 'RSS median', value: mb(median(rss)) },
      {
        label: `RSS peak (3 probes @20/s, 200 req/s, ${SECONDS}s)`,
        value: mb(peak),
        target: `<= ${TARGET_MB} MB`,
        met: peak <= TARGET_MB,
      },
    ],
  };
}

function rssKb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function readResult(scenarioDir: string): DrillResult | undefined {
  try {
    const [runDir] = readdirSync(scenarioDir);
    return JSON.parse(readFileSync(join(scenarioDir, runDir!, 'result.json'), 'utf8')) as DrillResult;
  } catch {
    return undefined;
  }
}

/**
 * A short baseline, then one long fault on a bystander node: load and the three probes run
 * throughout, and a slow sample on a busy machine shows as impact rather than aborting the baseline.
 */
function scenario(): string {
  const server = join(repo, 'test/fixtures/servers/http-server.mjs');
  const url = 'http://${nodes.web.host}:${nodes.web.port.http}';
  const faultSeconds = Math.max(5, SECONDS - 10);
  return `apiVersion: firedrill/v1
kind: Drill
name: bench-rss
target:
  type: process
  nodes:
    web:
      command: [node, ${JSON.stringify(server)}]
      env: { PORT: '\${port.http}' }
      ports: { http: auto }
      ready: { http: /health }
    bystander:
      command: [sleep, '3600']
probes:
  - { name: health, type: http, role: steady, url: '${url}/health', interval: 50ms, timeout: 500ms }
  - { name: port, type: tcp, role: steady, port: '\${nodes.web.port.http}', interval: 50ms, timeout: 500ms }
  - { name: pid, type: http, role: during, url: '${url}/pid', interval: 50ms, timeout: 500ms }
load: { url: '${url}/pid', rate: 200/s, timeout: 2s }
faults:
  - { name: stop-bystander, type: stop, node: bystander, duration: ${faultSeconds}s }
baseline: 5s
objectives: { recover: 30s, availability: 50% }
timeouts: { recover: ${faultSeconds + 60}s, drill: ${SECONDS + 120}s }
`;
}
