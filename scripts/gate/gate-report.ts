import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expectedExit } from './gate-list.js';
import type { GateOutcome } from './run-drill.js';

/** One line per drill: what was expected, what came, what was measured. */
export function describeOutcome(o: GateOutcome): string {
  const want = `expected ${o.drill.expect} (exit ${expectedExit[o.drill.expect]})`;
  if (o.skipped !== undefined)
    return `${o.ok ? 'skip' : 'FAIL'} ${o.drill.shown}: ${want}, not run: ${o.skipped}`;
  const got = `got ${o.verdict ?? 'no result'} (exit ${o.exitCode})`;
  return `${o.ok ? 'ok  ' : 'FAIL'} ${o.drill.shown}: ${want}, ${got}`;
}

/** Writes `<dir>/junit.xml`, `summary.md` and `gate.json`; returns the directory. */
export function writeGateReports(dir: string, outcomes: readonly GateOutcome[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'junit.xml'), junit(outcomes));
  writeFileSync(join(dir, 'summary.md'), markdown(outcomes));
  writeFileSync(join(dir, 'gate.json'), `${JSON.stringify(gateJson(outcomes), null, 2)}\n`);
  return dir;
}

function gateJson(outcomes: readonly GateOutcome[]) {
  return {
    schema: 'firedrill.gate/v1',
    ok: outcomes.every((o) => o.ok),
    drills: outcomes.map((o) => ({
      skipped: o.skipped ?? null,
      scenario: o.drill.shown,
      name: o.drill.name,
      expect: o.drill.expect,
      exitCode: o.exitCode,
      ok: o.ok,
      verdict: o.verdict ?? null,
      reason: o.reason ?? null,
      ttd: o.ttd ?? null,
      ttr: o.ttr ?? null,
      lostWrites: o.lostWrites ?? null,
      runDir: o.runDir ?? null,
      seconds: o.seconds,
    })),
  };
}

const xml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * A `firedrill-gate` suite (one case per drill: did it end as expected) followed by the suites
 * of the drills expected to pass. An expected failure's own suite is left out: its failed
 * objectives are the point, and a CI test view should not show them as failures.
 */
function junit(outcomes: readonly GateOutcome[]): string {
  const failures = outcomes.filter((o) => !o.ok).length;
  const skipped = outcomes.filter((o) => o.ok && o.skipped !== undefined).length;
  const time = outcomes.reduce((sum, o) => sum + o.seconds, 0);
  const cases = outcomes.map((o) => {
    const name = `${o.drill.shown} ends ${o.drill.expect}`;
    const out = `<system-out>${xml(describeOutcome(o))}\nTTD ${o.ttd ?? '-'} · TTR ${o.ttr ?? '-'} · lost writes ${o.lostWrites ?? '-'}\n${xml(o.runDir ?? 'no run directory')}</system-out>`;
    const failure = !o.ok
      ? `<failure message="${xml(describeOutcome(o))}" type="gate">${xml(o.reason ?? '')}</failure>`
      : o.skipped !== undefined
        ? `<skipped message="${xml(o.skipped)}"/>`
        : '';
    return `    <testcase name="${xml(name)}" classname="firedrill.gate" time="${o.seconds.toFixed(3)}">${failure}${out}</testcase>`;
  });
  const gateSuite = [
    `  <testsuite name="firedrill-gate" tests="${outcomes.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
  const inlined = outcomes
    .filter((o) => o.drill.expect === 'passed' && o.runDir && existsSync(join(o.runDir, 'junit.xml')))
    .flatMap(
      (o) =>
        readFileSync(join(o.runDir!, 'junit.xml'), 'utf8').match(/<testsuite[\s>][\s\S]*?<\/testsuite>/g) ??
        [],
    );
  const totals = { tests: outcomes.length, failures, errors: 0 };
  for (const suite of inlined) {
    const open = suite.slice(0, suite.indexOf('>'));
    for (const key of ['tests', 'failures', 'errors'] as const)
      totals[key] += Number(new RegExp(`\\s${key}="(\\d+)"`).exec(open)?.[1] ?? 0);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="firedrill gate" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${time.toFixed(3)}">`,
    gateSuite,
    ...inlined.map((suite) => `  ${suite}`),
    '</testsuites>',
    '',
  ].join('\n');
}

function skippedNote(outcomes: readonly GateOutcome[]): string {
  const skipped = outcomes.filter((o) => o.ok && o.skipped !== undefined).length;
  return skipped === 0 ? '' : `, ${skipped} skipped (no Kubernetes cluster)`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function markdown(outcomes: readonly GateOutcome[]): string {
  const passed = outcomes.every((o) => o.ok);
  const rows = outcomes.map((o) =>
    [
      o.ok ? (o.skipped === undefined ? '✅' : '⏭️') : '❌',
      `\`${o.drill.shown}\``,
      o.drill.expect,
      o.skipped === undefined ? `${o.verdict ?? 'no result'} (exit ${o.exitCode})` : `not run: ${o.skipped}`,
      o.ttd ?? '-',
      o.ttr ?? '-',
      o.lostWrites ?? '-',
    ]
      .map(cell)
      .join(' | '),
  );
  const summaries = outcomes
    .filter((o) => o.runDir && existsSync(join(o.runDir, 'summary.md')))
    .map((o) => readFileSync(join(o.runDir!, 'summary.md'), 'utf8').trim());
  return [
    `## ${passed ? '✅' : '❌'} Drill gate: ${outcomes.filter((o) => o.ok && o.skipped === undefined).length} of ${outcomes.length} drills ended as expected${skippedNote(outcomes)}`,
    '',
    '| | scenario | expected | got | TTD | TTR | lost writes |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
    '',
    ...summaries.flatMap((text) => [text, '']),
  ].join('\n');
}

/** For the closing lines of the console output. */
export function shownPath(path: string): string {
  return relative(process.cwd(), path) || path;
}
