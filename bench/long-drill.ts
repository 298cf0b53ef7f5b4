/**
 * `npm run bench -- long-drill` (issue 15): memory flat in a drill's length, bounded reports.
 *
 * (a) 24 hours of a synthetic drill through the engine on a fake clock (long-drill-synthetic.ts,
 *     its own process: 10 probes at 20/s, load at 50/s, ledger at 20/s): peak RSS (VmHWM),
 *     result.json and report.html sizes, report render time.
 * (b) a real 10-minute process drill, 3 probes at 20/s, through the CLI: peak RSS (VmHWM) at 1, 5
 *     and 10 minutes.
 *
 * FIREDRILL_BENCH_LONG_HOURS and FIREDRILL_BENCH_LONG_MINUTES shorten them for a quick look;
 * FIREDRILL_BENCH_LONG=a or =b runs one of the two.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { BenchReport, BenchRow } from './bench-report.js';

const repo = resolve(import.meta.dirname, '..');
const MINUTES = Number(process.env.FIREDRILL_BENCH_LONG_MINUTES ?? 10);
const RSS_TARGET_MB = 150;
const HTML_TARGET_MB = 5;
const RENDER_TARGET_MS = 2000;
const mb = (value: number): string => `${value.toFixed(1)} MB`;

export async function run(): Promise<BenchReport> {
  const which = process.env.FIREDRILL_BENCH_LONG ?? 'ab';
  return {
    rows: [...(which.includes('a') ? await synthetic() : []), ...(which.includes('b') ? await real() : [])],
  };
}

interface SyntheticFigures {
  hours: number;
  verdict: string;
  samples: number;
  requests: number;
  writes: number;
  sampleFileMb: number;
  resultJsonMb: number;
  reportHtmlMb: number;
  measureMs: number;
  renderMs: number;
  peakRssMb: number;
  liveHeapMb: number[];
  maxHeapTotalMb: number;
  maxExternalMb: number;
}

async function synthetic(): Promise<BenchRow[]> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-long-child-'));
  let out = '';
  let code: number | null;
  try {
    const child = spawn(process.execPath, ['--expose-gc', compileChild(dir)], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    code = await new Promise<number | null>((done) => child.on('close', done));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{'))
    return [{ label: `(a) synthetic drill failed (exit ${code})`, value: '-' }];
  const f = JSON.parse(line) as SyntheticFigures;
  const h = `${f.hours}h`;
  return [
    {
      label: `(a) ${h} synthetic: wall time (verdict ${f.verdict})`,
      value: `${((Date.now() - started) / 1000).toFixed(0)} s`,
    },
    { label: `(a) samples / requests / writes`, value: `${f.samples}/${f.requests}/${f.writes}` },
    { label: `(a) samples.ndjson`, value: mb(f.sampleFileMb) },
    {
      label: `(a) peak RSS (node, dist/)`,
      value: mb(f.peakRssMb),
      target: `<= ${RSS_TARGET_MB} MB`,
      met: f.peakRssMb <= RSS_TARGET_MB,
    },
    {
      label: `(a) heap after GC: hour 1, 12, ${f.hours}, end`,
      value: [f.liveHeapMb[1], f.liveHeapMb[12], f.liveHeapMb[f.hours], f.liveHeapMb.at(-1)]
        .map((v) => v ?? '-')
        .join(' / '),
    },
    {
      label: `(a) largest heap / external (array buffers) seen`,
      value: `${f.maxHeapTotalMb} / ${f.maxExternalMb}`,
    },
    { label: `(a) result.json`, value: mb(f.resultJsonMb) },
    {
      label: `(a) report.html`,
      value: mb(f.reportHtmlMb),
      target: `<= ${HTML_TARGET_MB} MB`,
      met: f.reportHtmlMb <= HTML_TARGET_MB,
    },
    { label: `(a) measure + build result`, value: `${f.measureMs.toFixed(0)} ms` },
    {
      label: `(a) render report.html`,
      value: `${f.renderMs.toFixed(0)} ms`,
      target: `<= ${RENDER_TARGET_MS} ms`,
      met: f.renderMs <= RENDER_TARGET_MS,
    },
  ];
}

/**
 * The child runs as a drill does, under plain node on the built code (dist/): run through tsx it
 * would also carry tsx's loader thread and the transpiled sources, about 45 MB that no drill has.
 * Its one TypeScript file is transpiled here, its `../src/` imports pointed at dist/.
 */
function compileChild(dir: string): string {
  const source = readFileSync(join(repo, 'bench/long-drill-synthetic.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(dir, 'long-drill-synthetic.mjs');
  writeFileSync(file, outputText.replaceAll(`'../src/`, `'${pathToFileURL(join(repo, 'dist')).href}/`));
  return file;
}

async function real(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-long-real-'));
  try {
    const file = join(dir, 'long.yaml');
    writeFileSync(file, realScenario());
    const child = spawn(process.execPath, [join(repo, 'bin/firedrill.js'), 'run', file, '--out', 'reports'], {
      cwd: dir,
      stdio: 'ignore',
    });
    const started = Date.now();
    const marks = [1, 5, 10].filter((m) => m <= MINUTES).map((m) => ({ minute: m, peakMb: Number.NaN }));
    const timer = setInterval(() => {
      const peak = child.pid === undefined ? undefined : peakRssMb(child.pid);
      const elapsedMin = (Date.now() - started) / 60_000;
      for (const mark of marks) if (peak !== undefined && elapsedMin <= mark.minute) mark.peakMb = peak;
    }, 1000);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    clearInterval(timer);
    const verdict = readVerdict(join(dir, 'reports', 'bench-long-real'));
    const first = marks[0]?.peakMb ?? Number.NaN;
    const last = marks.at(-1)?.peakMb ?? Number.NaN;
    const growth = (last - first) / first;
    return [
      {
        label: `(b) ${MINUTES} min process drill (exit ${code}, ${verdict})`,
        value: `${((Date.now() - started) / 60_000).toFixed(1)} min`,
      },
      ...marks.map((m) => ({
        label: `(b) peak RSS by minute ${m.minute}`,
        value: mb(m.peakMb),
        target: `<= ${RSS_TARGET_MB} MB`,
        met: m.peakMb <= RSS_TARGET_MB,
      })),
      {
        label: `(b) growth, minute ${marks[0]?.minute} to ${marks.at(-1)?.minute}`,
        value: `${(growth * 100).toFixed(1)}%`,
        target: '<= 20%',
        met: growth <= 0.2,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** VmHWM: the process's peak resident set so far. */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function readVerdict(scenarioDir: string): string {
  try {
    const [runDir] = readdirSync(scenarioDir);
    return (
      JSON.parse(readFileSync(join(scenarioDir, runDir!, 'result.json'), 'utf8')) as { verdict: string }
    ).verdict;
  } catch {
    return 'no result';
  }
}

/** A 30 s baseline, then a bystander stopped for the rest: 3 probes at 20/s throughout. */
function realScenario(): string {
  const server = join(repo, 'test/fixtures/servers/http-server.mjs');
  const url = 'http://${nodes.web.host}:${nodes.web.port.http}';
  const faultSeconds = Math.max(10, MINUTES * 60 - 40);
  return `apiVersion: firedrill/v1
kind: Drill
name: bench-long-real
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
  - { name: health, type: http, role: steady, url: '${url}/health', interval: 50ms, timeout: 1s }
  - { name: port, type: tcp, role: steady, port: '\${nodes.web.port.http}', interval: 50ms, timeout: 1s }
  - { name: pid, type: http, role: during, url: '${url}/pid', interval: 50ms, timeout: 1s }
faults:
  - { name: stop-bystander, type: stop, node: bystander, duration: ${faultSeconds}s }
baseline: 30s
objectives: { recover: 30s, soak: { per: 1m, during: 99% } }
timeouts: { recover: ${faultSeconds + 60}s, drill: ${MINUTES * 60 + 180}s }
`;
}
