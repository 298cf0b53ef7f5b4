import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { Redis } from 'ioredis';
import { Wait, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SystemClock } from '../../../src/common/clock.js';
import { dockerClient } from '../../../src/common/docker.js';
import { silentLogger } from '../../../src/common/logger.js';
import { IntegrityLedger } from '../../../src/integrity/integrity-ledger.js';
import { integritySchema } from '../../../src/integrity/integrity-schema.js';
import { ledgerDrivers } from '../../../src/integrity/registry.js';
import type { StartedTarget } from '../../../src/targets/target.js';
import { repoRoot } from '../engine/run-cli.js';
import { describeWithDocker } from '../support/docker.js';
import { LoopbackContainer } from '../support/loopback-container.js';
import { removeRunLeftovers, runLabels, testRunId } from '../support/run-labels.js';

const image = `firedrill/redis:${readFileSync(join(repoRoot, 'docker/redis/VERSION'), 'utf8').trim()}`;
// The engine imports a drill's driver before the run (loadDrillPlugins); so does this test.
await ledgerDrivers.redis.load();
const clock = new SystemClock();
const signal = new AbortController().signal;
/** The ledger only asks the target for template values (its hosts): everything here is on loopback. */
const target = { templateValues: () => ({}) } as unknown as StartedTarget;

function ledger(input: Record<string, unknown>): IntegrityLedger {
  const config = integritySchema.parse({
    driver: 'redis',
    rate: '50/s',
    write_timeout: '300ms',
    read_timeout: '8s',
    ...input,
  });
  return new IntegrityLedger(config, { clock, logger: silentLogger, baseDir: '.', runId: testRunId, target });
}

describeWithDocker('redis integrity driver against real Redis 7', () => {
  let network: Docker.Network | undefined;
  const containers: StartedTestContainer[] = [];
  const networkName = `firedrill-${testRunId}`;
  const node = (role: string, alias: string, env: Record<string, string> = {}) =>
    new LoopbackContainer(image)
      .withCommand([role])
      .withNetworkMode(networkName)
      .withNetworkAliases(alias)
      .withEnvironment({ REDIS_ANNOUNCE_HOST: alias, ...env })
      .withLabels(runLabels());

  beforeAll(async () => {
    network = await dockerClient().createNetwork({
      Name: networkName,
      Driver: 'bridge',
      Labels: runLabels(),
    });
  });
  afterAll(async () => {
    await Promise.all(containers.map((c) => c.stop().catch(() => undefined)));
    await removeRunLeftovers();
    void network;
  });

  it('plain server: SADD acknowledged, read back with SMEMBERS; writes removed behind its back are lost', async () => {
    const server = await node('server', 'solo')
      .withExposedPorts(6379)
      .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
      .start();
    containers.push(server);
    const url = `redis://127.0.0.1:${server.getMappedPort(6379)}`;
    const key = `firedrill:test:${testRunId}`;
    const run = ledger({ url, key });
    await run.start(signal);
    await clock.sleep(400);
    await run.stopWriting();
    const spy = new Redis(url);
    expect(await spy.scard(key)).toBe(run.writes.length);
    await spy.srem(key, run.writes[1]!.id, run.writes[4]!.id);
    expect((await run.readBack(signal)).ok).toBe(true);
    expect(run.summary()?.lost.map((w) => w.id)).toEqual([run.writes[1]!.id, run.writes[4]!.id]);
    expect(run.report()).toMatchObject({ driver: 'redis', lost: 2, unacknowledged: 0 });
    // The set is the ledger's own: dropped after the read-back.
    expect(await spy.exists(key)).toBe(0);
    spy.disconnect();
  });

  it('through Sentinel: keeps writing to whichever server is primary after a failover', async () => {
    const wait = (pattern: RegExp) => Wait.forLogMessage(pattern);
    const primary = await node('server', 'primary')
      .withExposedPorts(6379)
      .withWaitStrategy(wait(/Ready to accept connections/))
      .start();
    containers.push(primary);
    const replica = await node('server', 'replica', { REDIS_REPLICA_OF: 'primary:6379' })
      .withExposedPorts(6379)
      .withWaitStrategy(wait(/MASTER <-> REPLICA sync: Finished with success/))
      .start();
    containers.push(replica);
    const sentinel = await node('sentinel', 'sentinel', {
      REDIS_PRIMARY: 'primary:6379',
      SENTINEL_QUORUM: '1',
      SENTINEL_DOWN_AFTER: '500',
      SENTINEL_FAILOVER_TIMEOUT: '5000',
    })
      .withExposedPorts(26379)
      .withWaitStrategy(wait(/\+monitor master/))
      .start();
    containers.push(sentinel);
    // Sentinel names the servers by their network aliases; from the host they are published ports.
    const nat = {
      'primary:6379': `127.0.0.1:${primary.getMappedPort(6379)}`,
      'replica:6379': `127.0.0.1:${replica.getMappedPort(6379)}`,
    };
    const run = ledger({
      sentinel: { hosts: [`127.0.0.1:${sentinel.getMappedPort(26379)}`], name: 'mymaster', nat },
    });
    await run.start(signal);
    await clock.sleep(500);
    const killedAt = clock.now();
    await dockerClient().getContainer(primary.getId()).kill();
    // Down after 500 ms, then the election and the promotion; the writer reconnects on its own.
    const deadline = killedAt + 20_000;
    while (
      clock.now() < deadline &&
      !run.writes.some((w) => w.sentAt > killedAt + 500 && w.ackedAt !== undefined)
    )
      await clock.sleep(200);
    await clock.sleep(300);
    await run.stopWriting();
    const outcome = await run.readBack(signal);
    const report = run.report();
    expect(outcome.ok, JSON.stringify({ outcome, report })).toBe(true);
    const ackedAfter = run.writes.filter((w) => w.sentAt > killedAt && w.ackedAt !== undefined);
    expect(ackedAfter.length, JSON.stringify(report)).toBeGreaterThan(0);
    expect(report.acknowledged).toBeGreaterThan(20);
    expect(report.unacknowledged).toBeGreaterThan(0); // refused while no primary was elected
    // Every write acknowledged after the failover is on the new primary.
    const lostIds = new Set(report.lostIds);
    expect(ackedAfter.filter((w) => lostIds.has(w.id))).toEqual([]);
  });
});
