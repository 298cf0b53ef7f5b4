import { afterAll, beforeAll, expect, it } from 'vitest';
import { RUN_LABEL, dockerClient } from '../../../src/common/docker.js';
import { images } from '../../../src/common/images.js';
import { partitionInjector } from '../../../src/injectors/partition.js';
import type { NodeCutTimes } from '../../../src/injectors/partition/cut-clock.js';
import { startLinks } from '../../../src/links/start-links.js';
import { resolveTemplates } from '../../../src/scenario/templates.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import { runInNetns } from '../../../src/targets/docker/netns-sidecar.js';
import type { StartedDockerTarget } from '../../../src/targets/docker/started-docker-target.js';
import { describeWithDocker } from '../support/docker.js';
import { removeRunLeftovers, testRunId } from '../support/run-labels.js';
import { labelledLeftovers, targetContext } from '../docker/target-context.js';
import { faultContext, inject, revert } from './fault-harness.js';

const NODES = ['a', 'b', 'c', 'd'];

describeWithDocker('partition faults on containers', () => {
  const context = targetContext();
  let target: StartedDockerTarget;

  /** A TCP connect from one node to another, bounded inside the container (bash /dev/tcp). */
  const reaches = async (from: string, to: string, port = 8080): Promise<boolean> =>
    (await target.node(from).exec(['timeout', '1', 'bash', '-c', `</dev/tcp/${to}/${port}`])).exitCode === 0;
  const sidecars = async (): Promise<number> =>
    (
      await dockerClient().listContainers({
        all: true,
        filters: JSON.stringify({ label: [`${RUN_LABEL}=${testRunId}`, 'firedrill.role=netns-sidecar'] }),
      })
    ).length;

  beforeAll(async () => {
    const nodes = Object.fromEntries(NODES.map((n) => [n, { image: images.httpEcho }]));
    target = await dockerTarget.start(dockerTarget.schema.parse({ type: 'docker', nodes }), context);
  });

  afterAll(async () => {
    await target?.stop();
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
    await removeRunLeftovers();
  });

  it('split: halves via network: traffic inside a half flows, across it is dropped; revert removes every rule', async () => {
    expect(await reaches('a', 'c')).toBe(true);
    const { effect, undo, elapsedMs } = await inject(
      partitionInjector,
      { type: 'partition', split: 'halves' },
      faultContext(target, context),
    );
    expect(effect.summary).toMatch(/^partitioned a, b \| c, d \(iptables chain FD-[0-9a-f]{6}\)$/);
    // The cut's own window, from each node's commit: it lies inside the inject call and is far
    // shorter than the helper containers' start would be.
    const window = effect.window!;
    expect(window.to).toBeGreaterThanOrEqual(window.from);
    expect(window.to - window.from).toBeLessThan(elapsedMs);
    // Each node's cut was seen on the packet path (a datagram to a peer refused), after its commit
    // began; t0 is the earliest of them, so no failure the cut caused can come before it.
    const cuts = Object.values(effect.details!.cuts as Record<string, NodeCutTimes>);
    expect(cuts.map((cut) => cut.confirmedBy)).toEqual(NODES.map(() => 'refused-datagram'));
    for (const cut of cuts) {
      expect(cut.from).toBeGreaterThanOrEqual(cut.commit!);
      expect(cut.to).toBeGreaterThanOrEqual(cut.from);
    }
    expect(window.from).toBe(Math.min(...cuts.map((cut) => cut.from)));
    expect(undo).toHaveLength(4);
    expect(await reaches('a', 'b')).toBe(true);
    expect(await reaches('c', 'd')).toBe(true);
    expect(await reaches('a', 'c')).toBe(false);
    expect(await reaches('d', 'b')).toBe(false);
    expect(await sidecars()).toBe(0);

    await revert(undo);
    expect(await reaches('a', 'c')).toBe(true);
    expect(await reaches('d', 'b')).toBe(true);
    for (const node of NODES) {
      const rules = await runInNetns({
        containerId: target.node(node).id,
        runId: testRunId,
        command: ['iptables', '-S'],
      });
      expect(rules.stdout.trim().split('\n')).toEqual([
        '-P INPUT ACCEPT',
        '-P FORWARD ACCEPT',
        '-P OUTPUT ACCEPT',
      ]);
    }
    expect(await sidecars()).toBe(0);
  });

  it('explicit groups; the undo of a node killed meanwhile has nothing left to remove', async () => {
    const { undo } = await inject(
      partitionInjector,
      { type: 'partition', groups: [['a'], ['b', 'c']] },
      faultContext(target, context),
    );
    expect(await reaches('a', 'b')).toBe(false);
    expect(await reaches('b', 'c')).toBe(true);
    expect(await reaches('a', 'd')).toBe(true);
    await target.node('c').kill();
    const done = await revert(undo);
    expect(done).toContain('c: not running, its network rules went with it');
    expect(await reaches('a', 'b')).toBe(true);
    await target.node('c').start();
  });

  it('via toxiproxy: the links that cross the sides go down, the others stay up', async () => {
    const links = await startLinks(
      {
        a_to_c: { upstream: '${nodes.c.alias}:8080', from: 'a' },
        a_to_b: { upstream: '${nodes.b.alias}:8080', from: 'a' },
      },
      undefined,
      target,
      { ...context, resolveUpstream: (_l, upstream) => resolveTemplates(upstream, target.templateValues()) },
    );
    try {
      const values = links!.templateValues();
      const viaLink = (link: string) =>
        reaches('a', values[`links.${link}.alias`]!, Number(values[`links.${link}.port`]));
      const crossesCD = async () =>
        (
          await target
            .node('a')
            .exec([
              'timeout',
              '1',
              'busybox',
              'wget',
              '-q',
              '-O',
              '-',
              `http://${values['links.a_to_c.alias']}:${values['links.a_to_c.port']}/health`,
            ])
        ).stdout;
      expect(await crossesCD()).toBe('ok\n');
      const { effect, undo } = await inject(
        partitionInjector,
        { type: 'partition', split: 'halves', via: 'toxiproxy' },
        faultContext(target, context, links),
      );
      expect(effect.summary).toBe('partitioned a, b | c, d: links a_to_c down');
      expect(await crossesCD()).toBe('');
      expect(await viaLink('a_to_b')).toBe(true);
      await revert(undo);
      expect(await crossesCD()).toBe('ok\n');
    } finally {
      await links?.stop();
    }
  });
});
