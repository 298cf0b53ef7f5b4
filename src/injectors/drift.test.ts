import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultNoEffectError } from '../common/errors.js';
import { offlineNodeControl } from '../engine/offline-node-control.js';
import { runUndoStep } from '../engine/undo-executor.js';
import {
  faultContextFor,
  httpServerNode,
  startsProcessTargets,
} from '../../test/fixtures/servers/fixture-target.js';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { driftInjector } from './drift.js';

const parse = (input: object) => driftInjector.schema.safeParse({ type: 'drift', node: 'web', ...input });
const messages = (input: object) => parse(input).error?.issues.map((i) => i.message) ?? [];
const undoEnv = { offline: offlineNodeControl };

const tempDir = tempDirsPerTest();
const startProcessTarget = startsProcessTargets();

async function setup() {
  const dir = tempDir('drift');
  const { target, clock } = await startProcessTarget({ web: httpServerNode() });
  return { dir, context: { ...faultContextFor(target, clock), baseDir: dir } };
}

const CONF = 'cluster=blue\nreplication=sync\nmax_value_bytes=4096\n';

describe('drift fault: schema', () => {
  it('takes one change, given directly or picked by severity from changes', () => {
    expect(parse({ exec: { command: 'x', revert: 'y' } }).success).toBe(true);
    expect(
      parse({
        severity: 'severe',
        changes: { mild: { exec: { command: 'a', revert: 'b' } }, severe: { file: { path: 'c', set: '' } } },
      }).success,
    ).toBe(true);
  });

  it('says what is missing or too much', () => {
    expect(messages({})).toEqual([
      'say what drifts: `file`, `exec` or `http`, or `severity` with a `changes` map',
    ]);
    expect(messages({ exec: { command: 'x', revert: 'y' }, file: { path: 'a', set: '' } })).toEqual([
      'give one change: found file and exec',
    ]);
    expect(messages({ changes: { mild: { exec: { command: 'x', revert: 'y' } } } })).toEqual([
      '`changes` needs `severity` to pick one (mild)',
    ]);
    expect(
      messages({ severity: 'critical', changes: { mild: { exec: { command: 'x', revert: 'y' } } } }),
    ).toEqual(['changes has no entry for severity "critical" (it has mild)']);
    expect(parse({ exec: { command: 'x' } }).error?.issues[0]?.path).toEqual(['exec', 'revert']);
    expect(messages({ file: { path: 'a' } })).toEqual([
      'a file change needs `set` (new content) or `patch`, one of them',
    ]);
    expect(messages({ severity: 'extreme', exec: { command: 'x', revert: 'y' } })[0]).toMatch(
      /mild.*moderate.*severe.*critical/,
    );
  });

  it('describes itself for plans', () => {
    const config = parse({
      severity: 'mild',
      changes: {
        mild: { http: { method: 'PUT', url: 'http://x/admin', body: '1', revert: { url: 'http://x/r' } } },
      },
    }).data!;
    expect(driftInjector.describe(config)).toBe(
      'drift (mild) in web: PUT http://x/admin, put back when the drill ends',
    );
  });
});

describe('drift fault on a process target', () => {
  it('patches a file (backed up first), and the revert restores it byte for byte', async () => {
    const { dir, context } = await setup();
    writeFileSync(join(dir, 'app.conf'), CONF);
    const fault = driftInjector.create(
      parse({
        severity: 'mild',
        changes: {
          mild: {
            file: {
              path: 'app.conf',
              patch: [{ find: '^max_value_bytes=\\d+$', replace: 'max_value_bytes=16' }],
            },
          },
        },
      }).data!,
    );
    const [step] = await fault.prepare(context);
    expect(step).toMatchObject({ action: 'file.restore', path: join(dir, 'app.conf') });
    expect((await fault.inject(context)).summary).toBe(
      `drift (mild) in web: patched ${join(dir, 'app.conf')} (1 replacement)`,
    );
    expect(readFileSync(join(dir, 'app.conf'), 'utf8')).toBe(CONF.replace('4096', '16'));
    await runUndoStep(step!, undoEnv);
    expect(readFileSync(join(dir, 'app.conf'), 'utf8')).toBe(CONF);
    expect(existsSync((step as { backup: string }).backup)).toBe(false);
  });

  it('a file the change creates is deleted on revert', async () => {
    const { dir, context } = await setup();
    const fault = driftInjector.create(parse({ file: { path: 'extra.conf', set: 'debug=1\n' } }).data!);
    const [step] = await fault.prepare(context);
    expect(step).toEqual({
      action: 'file.remove',
      path: join(dir, 'extra.conf'),
      description: `delete ${join(dir, 'extra.conf')}`,
    });
    await fault.inject(context);
    expect(readFileSync(join(dir, 'extra.conf'), 'utf8')).toBe('debug=1\n');
    await runUndoStep(step!, undoEnv);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a patch that matches nothing has no effect: the file is untouched and the revert does nothing', async () => {
    const { dir, context } = await setup();
    writeFileSync(join(dir, 'app.conf'), CONF);
    const fault = driftInjector.create(
      parse({ file: { path: 'app.conf', patch: [{ find: 'pool=\\d+', replace: 'pool=1' }] } }).data!,
    );
    const [step] = await fault.prepare(context);
    await expect(fault.inject(context)).rejects.toThrow(
      new FaultNoEffectError(`drift: /pool=\\d+/ matches nothing in ${join(dir, 'app.conf')}`),
    );
    expect(await runUndoStep(step!, undoEnv)).toBe(`${join(dir, 'app.conf')} unchanged (no backup was made)`);
    expect(readFileSync(join(dir, 'app.conf'), 'utf8')).toBe(CONF);
  });

  it('an exec change runs in the node, and its revert puts it back', async () => {
    const { dir, context } = await setup();
    const fault = driftInjector.create(
      parse({ exec: { command: `echo async > ${dir}/mode`, revert: `rm ${dir}/mode` } }).data!,
    );
    const [step] = await fault.prepare(context);
    expect((await fault.inject(context)).summary).toBe(
      `drift in web: ran \`echo async > ${dir}/mode\` in web (exit 0)`,
    );
    expect(readFileSync(join(dir, 'mode'), 'utf8')).toBe('async\n');
    await runUndoStep(step!, undoEnv);
    expect(existsSync(join(dir, 'mode'))).toBe(false);
  });
});
