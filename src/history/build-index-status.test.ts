import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DrillResult } from '../result/index.js';
import { buildIndex } from './build-index.js';
import { renderIndexHtml } from './html/render-index.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/results');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'firedrill-index-status-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const table = `apiVersion: firedrill/v1
kind: Objectives
classes:
  process-restart: { name: Process restart, recover: 10s, claim: { recover: 5s } }
  never-drilled: { name: <b>Never drilled</b>, recover: 1m }
`;

/** The recorded kill/restart run, its drill naming class process-restart of `objectives.yaml` in root. */
function history(): string {
  writeFileSync(join(root, 'objectives.yaml'), table);
  const reports = join(root, 'reports');
  const scenario = 'process-kill-restart';
  const [run] = readdirSync(join(fixtures, scenario));
  const dir = join(reports, scenario, run as string);
  cpSync(join(fixtures, scenario, run as string), dir, { recursive: true });
  const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as DrillResult;
  result.scenario.file = join(root, 'drill.yaml');
  (result.scenario.config as Record<string, unknown>).objectivesFrom = {
    table: './objectives.yaml',
    class: 'process-restart',
  };
  writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
  return reports;
}

describe('the history index carries the recovery tables of the tables its drills name', () => {
  it('index.json has the status rows; index.html the same table, names escaped', async () => {
    const reports = history();
    // Eight days after the recorded run (22 November): within 90 days, and no tier to be stale against.
    const index = await buildIndex(reports, new Date('2026-11-30T03:00:00Z'));
    const rows = index.status?.rto.map((r) => [r.class, r.objective, r.status]);
    expect(rows).toEqual([
      ['process-restart', 'recover', 'validated'],
      ['never-drilled', 'recover', 'untested'],
    ]);
    expect(index.status?.tables).toEqual([join(root, 'objectives.yaml')]);
    const page = renderIndexHtml(index);
    expect(page).toContain('<section id="recovery-objectives">');
    expect(page).toContain('<td>&lt;b&gt;Never drilled&lt;/b&gt; (never-drilled)</td>');
    expect(page).toMatch(/<span class="status passed"[^>]*>validated<\/span>/);
    expect(page).toMatch(/<span class="status failed"[^>]*>UNTESTED<\/span>/);
  });

  it('a table edited into an invalid state costs the page its tables, not the history', async () => {
    const reports = history();
    writeFileSync(join(root, 'objectives.yaml'), table.replace('recover: 1m', 'recover: soon'));
    const index = await buildIndex(reports, new Date('2026-11-30T03:00:00Z'));
    expect(index.status).toBeUndefined();
    expect(index.statusError).toMatch(/objectives\.yaml:5:\d+: classes\.never-drilled\.recover/);
    expect(index.runs).toHaveLength(1);
    expect(renderIndexHtml(index)).toContain('Not shown: ');
  });

  it('a history whose drills name no table has no recovery tables', async () => {
    const reports = join(root, 'reports');
    const [run] = readdirSync(join(fixtures, 'process-kill-restart'));
    cpSync(join(fixtures, 'process-kill-restart', run as string), join(reports, 'x', run as string), {
      recursive: true,
    });
    const index = await buildIndex(reports, new Date('2026-11-30T03:00:00Z'));
    expect(index).not.toHaveProperty('status');
    expect(renderIndexHtml(index)).not.toContain('recovery-objectives');
  });
});
