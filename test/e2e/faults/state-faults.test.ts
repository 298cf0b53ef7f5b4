import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { FaultNoEffectError } from '../../../src/common/errors.js';
import { images } from '../../../src/common/images.js';
import { corruptInjector } from '../../../src/injectors/corrupt.js';
import { driftInjector } from '../../../src/injectors/drift.js';
import { execInjector } from '../../../src/injectors/exec.js';
import { httpInjector } from '../../../src/injectors/http.js';
import { memoryInjector } from '../../../src/injectors/memory.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { StartedDockerTarget } from '../../../src/targets/docker/started-docker-target.js';
import { labelledLeftovers, targetContext } from '../docker/target-context.js';
import { faultContext, inject, revert } from '../network/fault-harness.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet } from '../support/http.js';
import { removeRunLeftovers } from '../support/run-labels.js';
import { bytesAt, dockerExec, listing, processes } from './container-view.js';

interface Change {
  offset: number;
  old: number;
  new: number;
}

describeWithDocker('state faults in containers', () => {
  const context = targetContext();
  let target: StartedDockerTarget;
  let url = '';
  const web = () => target.node('web').id;
  let before: { processes: string[]; tmp: string[] };
  const snapshot = async () => ({ processes: await processes(web()), tmp: await listing(web(), '/tmp') });

  beforeAll(async () => {
    const config = dockerTarget.schema.parse({
      type: 'docker',
      nodes: { web: { image: images.httpEcho, ports: [8080], wait: { http: '/health' }, memory: '64m' } },
    });
    target = await dockerTarget.start(config, context);
    url = `http://127.0.0.1:${target.templateValues()['nodes.web.port.8080']}`;
  });

  beforeEach(async () => {
    await dockerExec(web(), 'rm -f /tmp/*');
    before = await snapshot();
  });

  // Nothing of firedrill's stays behind: no backup, no pid file, no process.
  afterEach(async () => {
    const after = await snapshot();
    expect(after.processes).toEqual(before.processes);
    expect(after.tmp.filter((name) => name.startsWith('firedrill'))).toEqual([]);
  });

  afterAll(async () => {
    await target?.stop();
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
    await removeRunLeftovers();
  });

  it('corrupt while running: the bytes at the reported offsets differ, and only those', async () => {
    await dockerExec(web(), 'head -c 65536 /dev/urandom > /tmp/db.bin; cp /tmp/db.bin /tmp/copy.bin');
    const { effect, undo } = await inject(
      corruptInjector,
      { type: 'corrupt', node: 'web', path: '/tmp/db.bin', mode: 'bitflip', bytes: 16, seed: 5 },
      faultContext(target, context),
    );
    expect(undo).toEqual([]);
    const changes = (effect.details as { changes: Change[] }).changes;
    expect(changes).toHaveLength(16);
    const offsets = changes.map((c) => c.offset);
    expect(await bytesAt(web(), '/tmp/copy.bin', offsets)).toEqual(changes.map((c) => c.old));
    expect(await bytesAt(web(), '/tmp/db.bin', offsets)).toEqual(changes.map((c) => c.new));
    // cmp lists every differing byte (1-based offsets): exactly the reported ones.
    const cmp = await dockerExec(web(), 'cmp -l /tmp/copy.bin /tmp/db.bin || true');
    expect(
      cmp
        .trim()
        .split('\n')
        .map((line) => Number(line.trim().split(/\s+/)[0]) - 1),
    ).toEqual(offsets);
    // The same seed on the same content corrupts the same bytes.
    const again = await inject(
      corruptInjector,
      { type: 'corrupt', node: 'web', path: '/tmp/copy.bin', mode: 'bitflip', bytes: 16, seed: 5 },
      faultContext(target, context),
    );
    expect((again.effect.details as { changes: Change[] }).changes).toEqual(changes);
  });

  it('corrupt when stopped: the node is stopped, the file changed, the node started and serving again', async () => {
    await dockerExec(web(), 'head -c 8192 /dev/urandom > /tmp/db.bin');
    const startedAt = (await target.node('web').inspect()).State.StartedAt;
    const { effect, undo } = await inject(
      corruptInjector,
      {
        type: 'corrupt',
        node: 'web',
        path: '/tmp/db.bin',
        mode: 'garbage',
        bytes: 512,
        seed: 9,
        when: 'stopped',
      },
      faultContext(target, context),
    );
    expect(effect.summary).toMatch(/, stopped web before and started it after$/);
    expect((await target.node('web').inspect()).State.StartedAt).not.toBe(startedAt);
    expect((await httpGet(`${url}/health`)).status).toBe(200);
    const changes = (effect.details as { changes: Change[] }).changes;
    expect(changes).toHaveLength(512);
    expect(
      await bytesAt(
        web(),
        '/tmp/db.bin',
        changes.map((c) => c.offset),
      ),
    ).toEqual(changes.map((c) => c.new));
    expect(changes.every((c) => c.new !== c.old)).toBe(true);
    expect(undo).toEqual([expect.objectContaining({ action: 'node.start' })]);
    expect(await revert(undo, target)).toEqual(['web already running']);
    before = await snapshot(); // a restarted node has new pids
  });

  it('corrupt truncate: the file is shorter by the bytes asked', async () => {
    await dockerExec(web(), 'head -c 4096 /dev/urandom > /tmp/db.bin');
    const { effect } = await inject(
      corruptInjector,
      { type: 'corrupt', node: 'web', path: '/tmp/db.bin', mode: 'truncate', bytes: 1000 },
      faultContext(target, context),
    );
    expect(effect.details).toMatchObject({ oldSize: 4096, newSize: 3096 });
    expect((await dockerExec(web(), 'wc -c < /tmp/db.bin')).trim()).toBe('3096');
  });

  it('drift by severity: a config file patched in place; the revert restores it byte for byte', async () => {
    await dockerExec(
      web(),
      'printf "cluster=blue\\nreplication=sync\\nmax_value_bytes=4096\\n" > /tmp/app.conf',
    );
    const checksum = await dockerExec(web(), 'md5sum /tmp/app.conf; ls -li /tmp/app.conf');
    const { effect, undo } = await inject(
      driftInjector,
      {
        type: 'drift',
        node: 'web',
        severity: 'severe',
        changes: {
          mild: {
            file: {
              path: '/tmp/app.conf',
              patch: [{ find: 'max_value_bytes=\\d+', replace: 'max_value_bytes=1' }],
            },
          },
          severe: {
            file: {
              path: '/tmp/app.conf',
              patch: [{ find: '^replication=sync$', replace: 'replication=async' }],
            },
          },
        },
      },
      faultContext(target, context),
    );
    expect(effect.summary).toBe('drift (severe) in web: patched /tmp/app.conf (1 replacement)');
    expect(await dockerExec(web(), 'cat /tmp/app.conf')).toBe(
      'cluster=blue\nreplication=async\nmax_value_bytes=4096\n',
    );
    await revert(undo, target);
    // Same content, same inode: the file was put back, not replaced.
    expect(await dockerExec(web(), 'md5sum /tmp/app.conf; ls -li /tmp/app.conf')).toBe(checksum);
  });

  it('exec in the node with a revert; a command that fails is a fault without effect', async () => {
    const { effect, undo } = await inject(
      execInjector,
      { type: 'exec', node: 'web', command: 'echo maintenance > /tmp/mode', revert: 'rm /tmp/mode' },
      faultContext(target, context),
    );
    expect(effect.summary).toBe('ran `echo maintenance > /tmp/mode` in web (exit 0)');
    expect(await dockerExec(web(), 'cat /tmp/mode')).toBe('maintenance\n');
    await revert(undo, target);
    expect(await listing(web(), '/tmp')).toEqual([]);
    await expect(
      inject(
        execInjector,
        { type: 'exec', node: 'web', command: 'test -f /nope' },
        faultContext(target, context),
      ),
    ).rejects.toThrow(new FaultNoEffectError('`test -f /nope` in web exited 1, expected 0'));
  });

  it('http against the node, verified by its status', async () => {
    const { effect } = await inject(
      httpInjector,
      { type: 'http', method: 'POST', url: `${url}/cgi-bin/echo?fault=1`, body: 'x' },
      faultContext(target, context),
    );
    expect(effect.summary).toMatch(new RegExp(`^POST ${url}/cgi-bin/echo\\?fault=1 answered 200: \\{`));
    await expect(
      inject(httpInjector, { type: 'http', url: `${url}/missing` }, faultContext(target, context)),
    ).rejects.toThrow(/answered 404 \(expected 2xx\)/);
  });

  it('memory past what the container can hold: the hog is OOM-killed, the fault fails and its revert clears the rest', async () => {
    const fault = memoryInjector.create(
      memoryInjector.schema.parse({ type: 'memory', node: 'web', size: '64m' }),
    );
    const fc = faultContext(target, context);
    const undo = await fault.prepare(fc);
    const error = await fault.inject(fc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultNoEffectError);
    expect((error as Error).message).toMatch(
      /^the memory hog in web \(pid \d+\) ended before holding 64 MiB$/,
    );
    await revert(undo, target);
  });
});
