import type { DrillResult } from '../../result/index.js';
import { describeEvent } from '../event-text.js';
import { impactText, sinceT0, timeText } from '../measurement-text.js';
import { runDurationMs } from '../run-duration.js';
import { drillCase, objectiveCase, type TestCase } from './test-cases.js';
import { junitTimestamp, seconds, xmlAttr, xmlText } from './xml-text.js';

/**
 * junit.xml: the drill is a testsuite, each objective a testcase. A failed or not-measured
 * objective is a <failure> (both fail the drill, so CI shows what the exit code says); an aborted
 * or error drill is an <error> on a `drill` testcase (see test-cases.ts).
 */
export function renderJunit(result: DrillResult): string {
  const cases = [...result.objectives.map((row) => objectiveCase(row)), ...drillCase(result)];
  const counts = {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome?.kind === 'failure').length,
    errors: cases.filter((c) => c.outcome?.kind === 'error').length,
    skipped: 0,
  };
  const suite = `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="0" time="${seconds(runDurationMs(result))}"`;
  const classname = `firedrill.${result.scenario.name}`;
  const timestamp = junitTimestamp(result.startedAt);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="firedrill" ${suite}>`,
    `  <testsuite name="${xmlAttr(result.scenario.name)}" ${suite}${timestamp ? ` timestamp="${xmlAttr(timestamp)}"` : ''} hostname="${xmlAttr(result.environment.host)}" id="0" package="firedrill">`,
    '    <properties>',
    ...properties(result).map(
      ([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`,
    ),
    '    </properties>',
    ...cases.map((c) => testcase(c, classname)),
    `    <system-out>${xmlText(journalText(result))}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(c: TestCase, classname: string): string {
  const open = `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(classname)}" time="${seconds(c.timeMs)}"`;
  if (!c.outcome) return `${open}/>`;
  const { kind, message, type, text } = c.outcome;
  return [
    `${open}>`,
    `      <${kind} message="${xmlAttr(message)}" type="${xmlAttr(type)}">${xmlText(text)}</${kind}>`,
    '    </testcase>',
  ].join('\n');
}

function properties(result: DrillResult): Array<[string, string]> {
  const m = result.measurements;
  return [
    ['firedrill.runId', result.runId],
    ['firedrill.verdict', result.verdict],
    ['firedrill.scenarioFile', result.scenario.file],
    ['firedrill.seed', String(result.environment.seed)],
    ['firedrill.version', result.environment.firedrill],
    ['firedrill.startedAt', result.startedAt],
    ...(m
      ? ([
          ['firedrill.ttd', timeText(m.detect)],
          ['firedrill.ttr', timeText(m.recover)],
          ['firedrill.impact', impactText(m.impact, m.t0)],
          [
            'firedrill.recoveredBy',
            m.recover.status === 'measured' ? (m.recover.signal ?? '') : m.recover.status,
          ],
        ] as Array<[string, string]>)
      : []),
    ...(m?.data ? ([['firedrill.lostWrites', String(m.data.lostWrites)]] as Array<[string, string]>) : []),
  ];
}

/** The journal as lines a CI log view can show: `+1.23s  fault kill-web: killed web (pid 1)`. */
function journalText(result: DrillResult): string {
  const t0 = result.timeline.t0;
  const lines = result.events.flatMap((event) => {
    const text = describeEvent(event);
    return text ? [`${sinceT0(event.t, t0).padStart(8)}  ${text}`] : [];
  });
  return [
    `firedrill ${result.scenario.name} (run ${result.runId}): ${result.verdict.toUpperCase()}`,
    ...lines,
  ].join('\n');
}
