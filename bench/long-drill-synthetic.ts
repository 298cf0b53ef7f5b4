/**
 * Child process of `npm run bench -- long-drill` (a): 24 hours of a synthetic drill pushed through
 * the engine's recording and measuring path on a fake clock, as fast as it goes: 10 probes at 20/s
 * (6 steady, 1 detect, 3 during), load at 50/s, ledger at 20/s; a minority partition held for the
 * whole day after a 5-minute baseline. Every observation goes where the engine sends it (the
 * sample file, the per-window summaries, the kept series, the folded counts); then the result is
 * built and report.html rendered. It prints one JSON line of figures; its peak RSS is VmHWM.
 * The samplers' timers are not run (a fake-clock day of timer wake-ups would take hours): the
 * observations are made up on the probes' grids instead.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeClock } from '../src/common/fake-clock.js';
import { createLogger } from '../src/common/logger.js';
import { buildResult } from '../src/engine/result.js';
import type { DrillIteration } from '../src/engine/iteration.js';
import { MeasureScope, type TimelineView } from '../src/engine/measure-scope.js';
import type { TrafficOutcome } from '../src/engine/drill-traffic.js';
import { ProbeSet, type ProbeConfig } from '../src/engine/probe-set.js';
import { RequestStore } from '../src/engine/request-store.js';
import { Retained } from '../src/engine/retained.js';
import { SampleLog } from '../src/engine/sample-log.js';
import { WindowStats } from '../src/engine/window-stats.js';
import type { FaultRecord } from '../src/engine/fault-timeline.js';
import { WriteLog } from '../src/integrity/write-log.js';
import type { LedgerWrite } from '../src/integrity/ledger-writer.js';
import { renderHtmlReport } from '../src/reporters/html/render-report.js';
import { loadScenario } from '../src/scenario/load.js';
import { probes as probeKinds } from '../src/probes/registry.js';

const HOURS = Number(process.env.FIREDRILL_BENCH_LONG_HOURS ?? 24);
const END = HOURS * 3_600_000;
const T0 = 300_000;
const OUTAGE_MS = 30_000;
const TICK = 50;
/** FIREDRILL_BENCH_LONG_TRACE=<minutes> prints the memory breakdown to stderr that often. */
const TRACE_MINUTES = Number(process.env.FIREDRILL_BENCH_LONG_TRACE ?? 0);
const TRACE_MS = (TRACE_MINUTES || 60) * 60_000;

const scenarioYaml = `apiVersion: firedrill/v1
kind: Drill
name: bench-long-drill
target: { type: process, nodes: { web: { command: [sleep, '1'] } } }
probes:
${[...Array(6).keys()].map((i) => `  - { name: steady-${i}, type: tcp, role: steady, port: 1, interval: 50ms, timeout: 40ms }`).join('\n')}
  - { name: failover, type: tcp, role: detect, port: 1, interval: 50ms, timeout: 40ms }
${[...Array(3).keys()].map((i) => `  - { name: minority-${i}, type: tcp, role: during, expect: fail, port: 1, interval: 50ms, timeout: 40ms }`).join('\n')}
load: { url: 'http://127.0.0.1:1/', rate: 50/s }
faults:
  - { name: partition, type: exec, command: 'true', revert: 'true', duration: ${HOURS * 60 - 10}m }
baseline: 5m
objectives:
  recover: 2m
  availability: 99%
  soak: { per: 1h, availability: 99.9%, during: 100% }
timeouts: { recover: ${HOURS}h, drill: ${HOURS + 1}h }
`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-long-'));
  try {
    const file = join(dir, 'drill.yaml');
    writeFileSync(file, scenarioYaml);
    const loaded = await loadScenario(file);
    const figures = await drive(loaded, dir);
    console.log(JSON.stringify({ ...figures, peakRssMb: peakRssMb() }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function drive(loaded: Awaited<ReturnType<typeof loadScenario>>, dir: string) {
  const clock = new FakeClock();
  const set = (t: number): Promise<void> => clock.advance(t - clock.now());
  const log = new SampleLog(join(dir, 'run'), { runId: 'bench', origin: clock.wallTime(0).toISOString() });
  const windows = new WindowStats();
  const scope = new MeasureScope(3_600_000);
  const configs = loaded.drill.probes as unknown as ProbeConfig[];
  // The ProbeSet builds its probes synchronously: their plugin is loaded first, as a run does.
  await probeKinds.tcp.load();
  const probes = new ProbeSet(configs, {
    clock,
    logger: createLogger({ level: 'silent' }),
    context: {} as never,
    signal: new AbortController().signal,
    onSample: () => undefined,
    scope,
    log,
    windows,
  });
  const requests = new RequestStore(scope, clock, { log, windows });
  const writes = new WriteLog('bench');
  const ledgerSignal = new Retained<LedgerWrite>(
    scope,
    (w) => w.sentAt,
    () => 'ledger',
    8,
    (w) => !w.ackedAt,
  );
  const record: FaultRecord = { id: 'partition', type: 'exec', description: 'partition' };
  const timeline = timelineOf(record);
  probes.beginIteration(0, 0);
  const outage = (t: number): boolean => t >= T0 && t < T0 + OUTAGE_MS;
  let nextRequest = 0;
  const liveHeapMb: number[] = [];
  const memory = new MemoryTrace();
  for (let t = 0, seq = 0; t < END; t += TICK) {
    await set(t);
    if (t === T0 - TICK) {
      scope.open(t, timeline);
      record.startedAt = t;
    }
    if (t === T0) Object.assign(record, { effectAt: t, effectWindow: { from: t, to: t } });
    if (t === T0 + OUTAGE_MS + 120_000) scope.close(t);
    for (const c of configs) {
      const ok =
        c.role === 'steady' ? !outage(t) : c.role === 'detect' ? t >= T0 + 10_000 : !(t >= T0 && t < END);
      probes.record({
        probe: c.name,
        role: c.role,
        scheduledAt: t,
        startedAt: t,
        endedAt: t + 3,
        ok,
        ...(!ok && { detail: 'refused' }),
      });
    }
    // The heap that stays after a full collection, every simulated hour: what memory holds.
    if (t % 3_600_000 === 0) liveHeapMb.push(liveHeap());
    if (t % TRACE_MS === 0) memory.note(t);
    // Load at 50/s: one request every 20 ms.
    for (; nextRequest < t + TICK; nextRequest += 20) {
      const at = nextRequest;
      requests.add([{ at, ok: !outage(at), latencyMs: outage(at) ? 2000 : 4 + (at % 7) }]);
    }
    // Ledger at 20/s: one write per 50 ms tick.
    seq++;
    writes.open(seq, t);
    const w: LedgerWrite = { id: writes.idOf(seq), seq, sentAt: t };
    if (outage(t)) Object.assign(w, { error: 'refused', failedAt: t + 5 });
    else w.ackedAt = t + 5;
    if (w.ackedAt !== undefined) writes.ack(seq, w.ackedAt);
    else writes.fail(seq, w.failedAt!, w.error!);
    log.write(w);
    windows.write(w);
    ledgerSignal.push(w);
  }
  record.revertStartedAt = END;
  record.revertedAt = END;
  scope.stopFolding();
  log.close();
  const present = new Uint8Array(writes.count + 1).fill(1);
  const traffic: TrafficOutcome = {
    requests: (from, to) => requests.keptIn(from, to),
    signalRequests: (from, to) => requests.signalRequests().filter((r) => r.at >= from && r.at < to),
    loadTally: (i) => requests.tally(i),
    ledger: (from, to) => writes.summarize(present, from, to),
    writes: (from, to) => ledgerSignal.all.filter((w) => w.sentAt >= from && w.sentAt < to),
    settleMs: 2000,
    load: { generator: 'builtin', reason: 'synthetic', requests: requests.count, dropped: 0 },
  };
  const iteration = {
    index: 0,
    startedAt: 0,
    endedAt: END,
    timeline,
    settle: undefined,
  } as unknown as DrillIteration;
  const built = performance.now();
  const result = buildResult({
    runId: 'bench',
    loaded,
    clock,
    seed: 1,
    ending: { kind: 'completed' },
    samples: probes.samples,
    probes: configs,
    iterations: [iteration],
    plan: [
      {
        id: 'partition',
        type: 'exec',
        description: 'partition',
        atMs: 0,
        durationMs: END - T0,
        config: {},
      } as never,
    ],
    reverts: [],
    events: [],
    traffic,
    duringTallies: (i) => probes.duringTallies(i),
    series: probes.series(),
    windows: windows.summaries(),
    sampleFile: true,
  });
  const measureMs = performance.now() - built;
  const json = JSON.stringify(result, null, 2);
  const renderStart = performance.now();
  const html = renderHtmlReport(result);
  const renderMs = performance.now() - renderStart;
  writeFileSync(join(dir, 'report.html'), html);
  writeFileSync(join(dir, 'result.json'), json);
  return {
    hours: HOURS,
    verdict: result.verdict,
    objectives: result.objectives.map((o) => `${o.objective}: ${o.status}`),
    samples: configs.length * (END / TICK),
    requests: requests.count,
    writes: writes.count,
    sampleFileMb: statSync(log.file).size / 2 ** 20,
    resultJsonMb: Buffer.byteLength(json) / 2 ** 20,
    reportHtmlMb: Buffer.byteLength(html) / 2 ** 20,
    measureMs,
    renderMs,
    liveHeapMb: [...liveHeapMb, liveHeap()],
    maxHeapTotalMb: memory.maxHeapTotalMb,
    maxExternalMb: memory.maxExternalMb,
  };
}

/** The fault's record as the engine's timeline holds it. */
function timelineOf(record: FaultRecord): TimelineView & { records: Map<string, FaultRecord> } {
  return {
    records: new Map([[record.id, record]]),
    firstEffectAt: () => record.effectAt,
    activeWindows: () =>
      record.effectAt === undefined
        ? []
        : [{ id: record.id, start: record.effectAt, end: record.revertStartedAt }],
  };
}

/** Where the memory is (not after a collection): the largest heap and external memory seen. */
class MemoryTrace {
  maxHeapTotalMb = 0;
  maxExternalMb = 0;

  note(t: number): void {
    const m = process.memoryUsage();
    const mb = (v: number): number => Math.round((v / 2 ** 20) * 10) / 10;
    this.maxHeapTotalMb = Math.max(this.maxHeapTotalMb, mb(m.heapTotal));
    this.maxExternalMb = Math.max(this.maxExternalMb, mb(m.external));
    if (TRACE_MINUTES > 0)
      process.stderr.write(
        `t=${t / 60_000}m rss=${mb(m.rss)} heapTotal=${mb(m.heapTotal)} heapUsed=${mb(m.heapUsed)} ` +
          `external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)} peak=${peakRssMb().toFixed(1)}\n`,
      );
  }
}

/** Heap in use after a full collection (the child runs with --expose-gc), MB. */
function liveHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
}

function peakRssMb(): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

await main();
