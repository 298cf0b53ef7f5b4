import { existsSync, readFileSync } from 'node:fs';
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
import { execInjector } from './exec.js';

const parse = (input: object) => execInjector.schema.safeParse({ type: 'exec', ...input });

const tempDir = tempDirsPerTest();
const startProcessTarget = startsProcessTargets();

async function setup() {
  const dir = tempDir('exec');
  const { target, clock } = await startProcessTarget({ web: httpServerNode() });
  return { dir, target, context: { ...faultContextFor(target, clock), baseDir: dir } };
}

describe('exec fault: schema', () => {
  it('needs a revert command to honour a duration', () => {
    expect(parse({ command: 'true', duration: '5s' }).error?.issues[0]?.message).toBe(
      'an exec fault reverts after its duration only with a `revert` command: add one, or remove duration',
    );
    expect(parse({ command: 'true', revert: 'true', duration: '5s' }).success).toBe(true);
  });

  it('describes itself for plans', () => {
    const config = parse({ node: 'db', command: 'touch /x', revert: ['rm', '/x'], duration: '5s' }).data!;
    expect(execInjector.describe(config)).toBe('run `touch /x` in db; revert with `rm /x` after 5.00s');
  });
});

describe('exec fault', () => {
  it("on the host: runs in the scenario's directory; the revert, recorded first, undoes it", async () => {
    const { dir, context } = await setup();
    const fault = execInjector.create(parse({ command: 'echo on > flag', revert: 'rm flag' }).data!);
    const [step] = await fault.prepare(context);
    expect(step).toEqual({
      action: 'host.exec',
      command: ['sh', '-c', 'rm flag'],
      cwd: dir,
      description: 'run `rm flag`',
    });
    expect((await fault.inject(context)).summary).toBe('ran `echo on > flag` on the host (exit 0)');
    expect(readFileSync(join(dir, 'flag'), 'utf8')).toBe('on\n');
    await runUndoStep(step!, { offline: offlineNodeControl });
    expect(existsSync(join(dir, 'flag'))).toBe(false);
  });

  it("in a process node: runs with the node's variables, and so does its revert (also offline)", async () => {
    const { dir, target, context } = await setup();
    const port = target.templateValues()['nodes.web.port.http'];
    const flag = join(dir, 'port');
    const fault = execInjector.create(
      parse({ node: 'web', command: `echo $PORT > ${flag}`, revert: `test "$PORT" = ${port} && rm ${flag}` })
        .data!,
    );
    const [step] = await fault.prepare(context);
    expect(step).toMatchObject({ action: 'host.exec', env: { PORT: port } });
    expect((await fault.inject(context)).summary).toBe(`ran \`echo $PORT > ${flag}\` in web (exit 0)`);
    expect(readFileSync(flag, 'utf8')).toBe(`${port}\n`);
    await runUndoStep(step!, { offline: offlineNodeControl });
    expect(existsSync(flag)).toBe(false);
  });

  it('fails as no-effect on another exit code, naming what the command said', async () => {
    const { context } = await setup();
    const fault = execInjector.create(parse({ command: 'echo no such table >&2; exit 3' }).data!);
    await fault.prepare(context);
    const error = await fault.inject(context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultNoEffectError);
    expect((error as Error).message).toBe(
      '`echo no such table >&2; exit 3` on the host exited 3, expected 0: no such table',
    );
  });
});
