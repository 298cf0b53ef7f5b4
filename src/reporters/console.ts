import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../common/duration.js';
import type { JournalEvent } from '../engine/journal.js';
import type { DrillResult } from '../result/index.js';
import type { Sample } from '../result/sample.js';
import type { DrillStart, Reporter, ReporterOptions } from './reporter.js';
import { objectivesTableText } from './objectives-table.js';
import { describeEvent } from './event-text.js';
import { repeatTableText } from './repeat-text.js';
import { t0Text } from './t0-text.js';
import { terminalText } from './terminal-text.js';
import { impactText, timeText } from './measurement-text.js';

/**
 * Live progress: on a TTY one status line redrawn in place (phase, elapsed, active faults, steady
 * pass rate, TTD/TTR when found) with events printed above it; elsewhere one plain line per event.
 */
export function consoleReporter(options: ReporterOptions = {}): Reporter {
  const out = options.stream ?? process.stdout;
  const live = Boolean(out.isTTY);
  const state = {
    phase: 'starting',
    active: new Set<string>(),
    ok: 0,
    total: 0,
    ttd: '',
    ttr: '',
    started: Date.now(),
  };
  let timer: NodeJS.Timeout | undefined;

  const status = (): string => {
    const elapsed = formatDuration(Date.now() - state.started);
    const rate = state.total === 0 ? '-' : `${Math.round((100 * state.ok) / state.total)}%`;
    const faults = state.active.size > 0 ? [...state.active].join(',') : 'none';
    const found = [state.ttd && `TTD ${state.ttd}`, state.ttr && `TTR ${state.ttr}`]
      .filter(Boolean)
      .join('  ');
    return terminalText(`[${state.phase}] ${elapsed}  faults: ${faults}  steady ok: ${rate}  ${found}`);
  };
  // Everything printed passes through terminalText: names and details come from the scenario and
  // from the system under test, and must not drive the terminal (only firedrill's own redraw does).
  const print = (line: string): void => {
    const text = terminalText(line);
    out.write(live ? `\r\x1b[2K${text}\n${status()}` : `${text}\n`);
  };

  return {
    onDrillStart(start: DrillStart) {
      state.started = Date.now();
      print(`firedrill: drill ${start.scenario} (run ${start.runId}), reports in ${start.runDir}`);
      if (live) timer = setInterval(() => out.write(`\r\x1b[2K${status()}`), 250).unref();
    },
    onEvent(event: JournalEvent) {
      if (event.type === 'phase') state.phase = String(event.phase);
      if (event.type === 'fault.injected') state.active.add(String(event.fault));
      if (event.type === 'fault.reverted') state.active.delete(String(event.fault));
      if (event.type === 'faults.reverted') state.active.clear();
      if (event.type === 'detected') state.ttd = formatDuration(Number(event.ttd));
      if (event.type === 'recovered') state.ttr = formatDuration(Number(event.ttr));
      const text = describeEvent(event);
      if (text) print(`  ${formatDuration(event.t).padStart(7)}  ${text}`);
    },
    onSample(sample: Sample) {
      if (sample.role !== 'steady') return;
      state.total += 1;
      if (sample.ok) state.ok += 1;
    },
    onDrillEnd(result: DrillResult, runDir: string) {
      if (timer) clearInterval(timer);
      if (live) out.write('\r\x1b[2K');
      const repeat = repeatTableText(result);
      const t0 = t0Text(result);
      const lines = [
        '',
        ...objectivesTableText(result),
        ...signalLines(result),
        ...(t0 ? [t0] : []),
        ...(repeat.length ? ['', ...repeat] : []),
        '',
        verdictLine(result),
        reportLine(runDir),
      ];
      out.write(`${lines.map(terminalText).join('\n')}\n`);
    },
  };
}

/** Where to look next: the HTML report when one was written, else the run directory. */
function reportLine(runDir: string): string {
  const html = join(runDir, 'report.html');
  return existsSync(html) ? `report: ${html}` : `run directory: ${runDir}`;
}

/** Which steady signal marked the impact and which marked the recovery, with their bounds. */
function signalLines(result: DrillResult): string[] {
  const m = result.measurements;
  if (!m) return [];
  const recovered =
    m.recover.status === 'measured' && m.recover.signal !== undefined
      ? `recovered on ${m.recover.signal} at +${formatDuration(m.recover.ms)} ± ${formatDuration(m.recover.resolution.ms)} (${m.recover.resolution.basis})`
      : `recovery: ${timeText(m.recover)}`;
  return ['', `impact: ${impactText(m.impact, m.t0)}`, recovered];
}

function verdictLine(result: DrillResult): string {
  const reason = result.reason ? `: ${result.reason}` : '';
  return `verdict: ${result.verdict.toUpperCase()}${reason}`;
}
