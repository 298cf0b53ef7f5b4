import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../common/clock.js';
import { silentLogger } from '../common/logger.js';
import { offlineNodeControl } from '../engine/offline-node-control.js';
import { runUndoStep } from '../engine/undo-executor.js';
import { argvOf } from '../injectors/action/command.js';
import { driftInjector } from '../injectors/drift.js';
import { execInjector } from '../injectors/exec.js';
import type { FaultContext } from '../injectors/injector.js';
import { execLedgerDriver } from '../integrity/exec-driver.js';
import { execProbe } from '../probes/exec.js';
import { dockerNodeSchema } from '../targets/docker/docker-schema.js';
import { resolveNodeSpec } from '../targets/process/node-spec.js';
import { processNodeSchema } from '../targets/process/process-schema.js';
import type { StartedTarget } from '../targets/target.js';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { resolveTemplates } from './templates.js';

/**
 * Each place where a template value reaches `sh -c`: the value is a hostile `--out` (`${run.dir}`).
 * The command prints its argument into `out.txt`; the value must arrive whole and run nothing.
 */
const tempDir = tempDirsPerTest();

function hostile(dir: string): string {
  return `${dir}/a b;touch ${dir}/PWNED1;#'"$(touch ${dir}/PWNED2)\`touch ${dir}/PWNED3\`$HOME`;
}
/** The command each site runs: the value in every quoting context a script can put it in. */
const PRINT = `printf '%s\\n' \${run.dir} "\${run.dir}" '\${run.dir}' "$(printf %s \${run.dir})" > out.txt`;

function expectInert(dir: string): void {
  const value = hostile(dir);
  expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(`${value}\n`.repeat(4));
  expect(readdirSync(dir).filter((f) => f.startsWith('PWNED'))).toEqual([]);
}

function resolveAt<T>(value: T, dir: string, path: Array<string | number>): T {
  return resolveTemplates(
    value,
    { 'run.dir': hostile(dir) },
    { file: 'drill.yaml', locate: () => ({ line: 1, column: 1 }), path },
  );
}

const noTarget = {} as StartedTarget;
const clock = new SystemClock();

function faultContext(dir: string): FaultContext {
  const signal = new AbortController().signal;
  return {
    runId: 'r',
    target: noTarget,
    clock,
    logger: silentLogger,
    signal,
    random: Math.random,
    baseDir: dir,
  };
}

describe('template values that reach a shell are one literal word', () => {
  it('exec probe (string command)', async () => {
    const dir = tempDir('probe');
    const config = execProbe.schema.parse(
      resolveAt({ type: 'exec', name: 'p', role: 'steady', command: PRINT }, dir, ['probes', 0]),
    );
    const probe = execProbe.create(config, { target: noTarget, clock, logger: silentLogger, baseDir: dir });
    expect(await probe.check(new AbortController().signal)).toMatchObject({ ok: true });
    expectInert(dir);
  });

  it('exec fault: its command and its revert (replayed by cleanup)', async () => {
    const dir = tempDir('fault');
    const raw = { type: 'exec', command: PRINT, revert: PRINT.replace('out.txt', 'undo.txt') };
    const config = execInjector.schema.parse(resolveAt(raw, dir, ['faults', 0]));
    const fault = execInjector.create(config);
    const [step] = await fault.prepare(faultContext(dir));
    await fault.inject(faultContext(dir));
    expectInert(dir);
    await runUndoStep(step!, { offline: offlineNodeControl });
    expect(readFileSync(join(dir, 'undo.txt'), 'utf8')).toBe(readFileSync(join(dir, 'out.txt'), 'utf8'));
  });

  it('exec fault given as a list [sh, -c, <script>]', async () => {
    const dir = tempDir('list');
    const config = execInjector.schema.parse(
      resolveAt({ type: 'exec', command: ['sh', '-c', PRINT] }, dir, ['faults', 0]),
    );
    await execInjector.create(config).inject(faultContext(dir));
    expectInert(dir);
  });

  it('drift exec change (command and revert, also under changes.<severity>)', () => {
    const dir = tempDir('drift');
    const raw = {
      type: 'drift',
      node: 'web',
      severity: 'mild',
      changes: { mild: { exec: { command: PRINT, revert: PRINT } } },
    };
    const config = driftInjector.schema.parse(resolveAt(raw, dir, ['faults', 0])) as typeof raw;
    const run = spawnSync(
      argvOf(config.changes.mild.exec.command)[0]!,
      argvOf(config.changes.mild.exec.command).slice(1),
      { cwd: dir },
    );
    expect(run.status).toBe(0);
    expectInert(dir);
  });

  it('exec ledger: write (with ${id}) and read', async () => {
    const dir = tempDir('ledger');
    const raw = { driver: 'exec', write: `${PRINT}; echo \${id} >> ids`, read: 'cat ids' };
    const config = execLedgerDriver.schema.parse(resolveAt(raw, dir, ['integrity']));
    const driver = execLedgerDriver.create(config, {
      target: noTarget,
      clock,
      logger: silentLogger,
      baseDir: dir,
      runId: 'r',
    });
    await driver.write('run-1', new AbortController().signal);
    expectInert(dir);
    expect(await driver.present(['run-1'], new AbortController().signal)).toEqual(['run-1']);
  });

  it('process node: a string command', () => {
    const dir = tempDir('node');
    const node = processNodeSchema.parse({ command: PRINT });
    const spec = resolveNodeSpec('web', node, { web: {} }, dir, { 'run.dir': hostile(dir) });
    const run = spawnSync(spec.argv[0], spec.argv.slice(1), { cwd: spec.cwd });
    expect(run.status).toBe(0);
    expectInert(dir);
  });

  it('docker node: the command the container runs through /bin/sh -c', () => {
    const dir = tempDir('docker');
    const node = dockerNodeSchema.parse(
      resolveAt({ image: 'x', command: PRINT }, dir, ['target', 'nodes', 'web']),
    );
    const run = spawnSync('/bin/sh', ['-c', node.command as string], { cwd: dir });
    expect(run.status).toBe(0);
    expectInert(dir);
  });

  it('leaves values outside scripts as they are (URLs, list arguments, env)', () => {
    const values = { 'run.dir': '/tmp/a b' };
    const resolved = resolveTemplates(
      { url: 'http://x/${run.dir}', command: ['cat', '${run.dir}/f'], env: { D: '${run.dir}' } },
      values,
    );
    expect(resolved).toEqual({
      url: 'http://x//tmp/a b',
      command: ['cat', '/tmp/a b/f'],
      env: { D: '/tmp/a b' },
    });
    expect(existsSync('/tmp/a b/PWNED1')).toBe(false);
  });
});
