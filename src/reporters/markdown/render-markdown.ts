import { formatDuration } from '../../common/duration.js';
import type { DrillResult, Verdict } from '../../result/index.js';
import type { TimeMeasurement } from '../../result/index.js';
import { loadNoteText } from '../load-note.js';
import { runDurationMs } from '../run-duration.js';
import { sinceT0, timeComment, timeText } from '../measurement-text.js';
import { wallTime } from '../html/verdict-banner.js';
import { loadLine, integrityLine, repeatLine } from './measurement-lines.js';
import { mdCode, mdText } from './md-text.js';
import { t0Text } from '../t0-text.js';

const verdictIcon: Record<Verdict, string> = { passed: '✅', failed: '❌', aborted: '⚠️', error: '⛔' };
const statusIcon = { passed: '✅ passed', failed: '❌ failed', 'not-measured': '⚠️ not measured' } as const;

/** Files a run directory holds, linked relative to summary.md (which sits beside them). */
const runFiles = ['report.html', 'junit.xml', 'result.json', 'events.ndjson', 'firedrill.log'];

/**
 * summary.md, for a CI step summary or a pull-request comment: the verdict, the objectives table,
 * the key measurements and where the reports are. `runDir` is shown as given (relative to the CI's
 * working directory when it was relative).
 */
export function renderMarkdown(result: DrillResult, runDir: string): string {
  const lines = [
    `### ${verdictIcon[result.verdict]} ${result.verdict.toUpperCase()}: ${mdText(result.scenario.name)}`,
    '',
    ...(result.scenario.description ? [mdText(result.scenario.description), ''] : []),
    ...result.reasons.map((reason) => `> ${mdText(reason)}`),
    ...(result.hint ? [`> hint: ${mdText(result.hint)}`] : []),
    ...(result.reasons.length > 0 || result.hint ? [''] : []),
    ...objectivesTable(result),
    ...measurementLines(result),
    runLine(result),
    '',
    `Reports in ${mdCode(runDir.endsWith('/') ? runDir : `${runDir}/`)}: ${runFiles.map((f) => `[${f}](${f})`).join(' · ')}`,
    '',
  ];
  return lines.join('\n');
}

function runLine(result: DrillResult): string {
  const duration = runDurationMs(result);
  return [
    `Run ${mdCode(result.runId)}`,
    `started ${mdText(wallTime(result.startedAt))}`,
    ...(duration === undefined ? [] : [mdText(formatDuration(duration))]),
    `seed ${mdCode(result.environment.seed)}`,
    `firedrill ${mdText(result.environment.firedrill)}`,
  ].join(' · ');
}

function objectivesTable(result: DrillResult): string[] {
  if (result.objectives.length === 0) return ['No objective was evaluated.', ''];
  return [
    '| objective | target | measured | status |',
    '|---|---|---|---|',
    ...result.objectives.map(
      (row) =>
        `| ${mdText(row.objective)} | ${mdText(row.display.target)} | ${mdText(row.display.measured)} | ${statusIcon[row.status]} |`,
    ),
    '',
  ];
}

function measurementLines(result: DrillResult): string[] {
  const m = result.measurements;
  if (!m) return [];
  const withComment = (label: string, t: TimeMeasurement): string => {
    const comment = t.status === 'measured' ? t.signal : timeComment(t);
    return `${label} ${mdText(timeText(t))}${comment ? ` (${mdText(comment)})` : ''}`;
  };
  const impact =
    m.impact.status === 'impact'
      ? `impact ${mdText(`${sinceT0(m.impact.at, m.t0)} ± ${formatDuration(m.impact.resolution.ms)}`)} on ${mdText(m.impact.signal)}`
      : 'no visible impact';
  const lines = [
    `**Key measurements:** ${withComment('TTD', m.detect)} · ${withComment('TTR', m.recover)} · ${impact}`,
    mdLine(t0Text(result)),
    loadLine(m.load, loadNoteText(result)),
    integrityLine(m.data),
    repeatLine(result),
  ].filter((line): line is string => line !== undefined);
  return lines.flatMap((line) => [line, '']);
}

function mdLine(text: string | undefined): string | undefined {
  return text === undefined ? undefined : mdText(text);
}
