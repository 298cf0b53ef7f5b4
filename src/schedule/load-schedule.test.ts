import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import { validateFile } from '../scenario/kinds.js';
import { scenarioDir } from '../scenario/testing/scenario-files.js';
import { emptyGlobWarnings, loadSchedule, tierFiles } from './load-schedule.js';

const valid = `apiVersion: firedrill/v1
kind: Schedule
timezone: Europe/Berlin
tiers:
  weekly:
    scenarios: [drills/drift-*.yaml]
  nightly:
    cron: '30 1 * * *'
    scenarios: [drills/smoke.yaml, 'drills/**/*.yaml']
    enabled: false
notify:
  webhook:
    url: https://hooks.example.com/drills
    headers: { Authorization: 'Bearer token' }
`;

async function withFiles(text: string): Promise<string> {
  const dir = await scenarioDir({ 'schedule.yaml': text });
  await mkdir(join(dir, 'drills/nested'), { recursive: true });
  for (const name of ['drift-mild.yaml', 'drift-severe.yaml', 'smoke.yaml', 'nested/deep.yaml', 'notes.txt'])
    await writeFile(join(dir, 'drills', name), '');
  return join(dir, 'schedule.yaml');
}

async function problems(text: string): Promise<ScenarioProblem[]> {
  const error = await loadSchedule(await withFiles(text), { env: {} }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`);
  return [...error.problems];
}

const brief = (p: ScenarioProblem): string => `${p.line}:${p.column} ${p.path}: ${p.message}`;

describe('loadSchedule', () => {
  it('settles each tier: named tiers get their default cron, defaults are filled in', async () => {
    const file = await withFiles(valid);
    const loaded = await loadSchedule(file, { env: {} });
    expect(loaded.timezone).toBe('Europe/Berlin');
    expect(
      loaded.tiers.map(({ name, cron, defaultCron, enabled }) => ({ name, cron, defaultCron, enabled })),
    ).toEqual([
      { name: 'weekly', cron: '0 3 * * 1', defaultCron: true, enabled: true },
      { name: 'nightly', cron: '30 1 * * *', defaultCron: false, enabled: false },
    ]);
    expect(loaded.schedule.reports).toBe('reports');
    expect(loaded.schedule.catch_up).toBe(false);
    expect(loaded.schedule.notify?.webhook).toEqual({
      url: 'https://hooks.example.com/drills',
      on: ['failed', 'error'],
      headers: { Authorization: 'Bearer token' },
      timeout: 10_000,
    });
  });

  it('expands globs relative to the schedule file, in pattern order, without repeats', async () => {
    const file = await withFiles(valid);
    const loaded = await loadSchedule(file, { env: { HOOK_TOKEN: 'x' } });
    const dir = loaded.baseDir;
    expect(await tierFiles(loaded, loaded.tiers[0]!)).toEqual([
      join(dir, 'drills/drift-mild.yaml'),
      join(dir, 'drills/drift-severe.yaml'),
    ]);
    expect(await tierFiles(loaded, loaded.tiers[1]!)).toEqual([
      join(dir, 'drills/smoke.yaml'),
      join(dir, 'drills/drift-mild.yaml'),
      join(dir, 'drills/drift-severe.yaml'),
      join(dir, 'drills/nested/deep.yaml'),
    ]);
  });

  it('takes absolute paths and globs as they are', async () => {
    const file = await withFiles(valid);
    const dir = (await loadSchedule(file)).baseDir;
    const text = valid.replace(
      '[drills/drift-*.yaml]',
      `['${dir}/drills/*-severe.yaml', '${dir}/drills/smoke.yaml']`,
    );
    const loaded = await loadSchedule(await withFiles(text));
    expect(await tierFiles(loaded, loaded.tiers[0]!)).toEqual([
      join(dir, 'drills/drift-severe.yaml'),
      join(dir, 'drills/smoke.yaml'),
    ]);
  });

  it('warns, located, about a glob that matches nothing yet', async () => {
    const text = valid.replace('[drills/drift-*.yaml]', '[drills/drift-*.yaml, restore/*.yaml]');
    const loaded = await loadSchedule(await withFiles(text), { env: { HOOK_TOKEN: 'x' } });
    const warnings = await emptyGlobWarnings(loaded);
    expect(warnings.map(brief)).toEqual([
      '6:38 tiers.weekly.scenarios[1]: "restore/*.yaml" matches no file yet: tier weekly will skip it',
    ]);
  });

  it('substitutes ${env.NAME} in header values (secrets stay out of the file)', async () => {
    const text = valid.replace("'Bearer token'", "'Bearer ${env.HOOK_TOKEN}'");
    const loaded = await loadSchedule(await withFiles(text), { env: { HOOK_TOKEN: 's3cret' } });
    expect(loaded.schedule.notify?.webhook.headers).toEqual({ Authorization: 'Bearer s3cret' });
    const found = await problems(text);
    expect(found.map(brief)).toEqual([
      '14:31 notify.webhook.headers.Authorization: environment variable HOOK_TOKEN is not set',
    ]);
  });

  it('reports an unknown time zone with a suggestion', async () => {
    const found = await problems(valid.replace('Europe/Berlin', 'Europe/Berln'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, column: 11, path: 'timezone', message: 'unknown time zone' });
    expect(found[0]!.hint).toBe('did you mean "Europe/Berlin"?');
  });

  it('reports a broken cron at its line, naming the field', async () => {
    const found = await problems(valid.replace("'30 1 * * *'", "'30 25 * * *'"));
    expect(found.map(brief)).toEqual(['8:11 tiers.nightly.cron: invalid cron hour field "25"']);
    expect(found[0]!.expected).toContain('"0 3 * * 1"');
    const count = await problems(valid.replace("'30 1 * * *'", "'30 1 * *'"));
    expect(count.map(brief)).toEqual([
      '8:11 tiers.nightly.cron: invalid cron expression: expected 5 or 6 fields but got 4',
    ]);
  });

  it('requires a cron for a custom tier and suggests a named tier for a typo', async () => {
    const found = await problems(
      valid.replace("    cron: '30 1 * * *'\n", '').replace('weekly:', 'weeekly:'),
    );
    expect(found.map(brief)).toEqual([
      '5:3 tiers.weeekly: tier "weeekly" needs a cron: only weekly, monthly, quarterly and annually have a default',
      '7:3 tiers.nightly: tier "nightly" needs a cron: only weekly, monthly, quarterly and annually have a default',
    ]);
    expect(found[0]!.hint).toBe('did you mean "weekly"?');
  });

  it('rejects unknown keys, a verdict that does not exist, a non-http webhook and no tiers', async () => {
    const text = valid
      .replace('    enabled: false', '    enabeld: false')
      .replace(
        'url: https://hooks.example.com/drills',
        'url: ftp://hooks.example.com\n    on: [failed, broken]',
      );
    const found = await problems(text);
    expect(found.map(brief)).toEqual([
      '10:5 tiers.nightly.enabeld: unknown key "enabeld"',
      '13:10 notify.webhook.url: expected an http(s) URL such as https://hooks.example.com/drills',
      '14:18 notify.webhook.on[1]: value not allowed',
    ]);
    const empty = await problems('apiVersion: firedrill/v1\nkind: Schedule\ntiers: {}\n');
    expect(empty.map(brief)).toEqual(['3:8 tiers: a schedule needs at least one tier']);
  });

  it('is a document kind: validate checks it', async () => {
    expect(await validateFile(await withFiles(valid))).toEqual([]);
    const found = await validateFile(await withFiles(valid.replace('Europe/Berlin', 'Mars/Olympus')));
    expect(found.map(brief)).toEqual(['3:11 timezone: unknown time zone']);
  });
});
