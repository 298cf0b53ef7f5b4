// A real three-node cluster in this process (HTTP on 127.0.0.1, fast timers): the recovery
// protocols drills check, end to end.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { get, put, startCluster as startFastCluster, waitFor, type TestCluster } from './test-cluster.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

/**
 * The three nodes share this test's event loop: on a busy machine (CI runs these under a CPU hog)
 * it stalls for longer than FAST's 300ms heartbeat timeout, and members then see each other "down",
 * elect anew or refuse writes, which is not what these tests check. A heartbeat timeout above such
 * stalls, as a real deployment's is, keeps the cluster steady; the waits then get deadlines that
 * cover a detection at that timeout on a slow machine. Heartbeats every 250ms, as the drills send
 * them: every 100ms, the six heartbeat calls through the test's proxies are ten rounds a second on
 * the one starved event loop, and each is abandoned after two intervals (cluster-node.ts), so at
 * load average 33 the cluster never became ready within 20s. And a write is given 10s to reach a
 * majority (2s by default): these tests check which writes are kept or refused for want of a
 * quorum (refused at once), not how fast a starved machine replicates.
 */
const STEADY = { HEARTBEAT_INTERVAL: '250ms', HEARTBEAT_TIMEOUT: '1500ms', WRITE_TIMEOUT: '10s' };
const DEADLINE_MS = 20_000;
const startCluster = (size: number, env: Record<string, string> = {}) =>
  startFastCluster(size, { ...STEADY, ...env });
const until = <T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>) =>
  waitFor(what, check, DEADLINE_MS);

const leaderOf = (c: TestCluster, id: string): string | undefined => c.node(id).node.view.leader;
const ready = (c: TestCluster, ...ids: string[]): boolean => ids.every((id) => c.node(id).node.ready());

/** Writes k0, k1... through `url` until stopped; returns the keys acknowledged (HTTP 200). */
function writer(url: () => string) {
  const acked: string[] = [];
  let stop = false;
  const done = (async () => {
    for (let i = 0; !stop; i++) {
      const key = `k${i}`;
      const status = await put(url(), key, `v${i}`).catch(() => 0);
      if (status === 200) acked.push(key);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return { acked, stop: () => ((stop = true), done) };
}

describe('reference cluster', { timeout: 90_000 }, () => {
  it('elects the lowest id, forwards writes from followers, and keeps every acknowledged write through a leader crash (sync: RPO 0)', async () => {
    cluster = await startCluster(3);
    const c = cluster;
    await until('a ready cluster', () => ready(c, 'n1', 'n2', 'n3'));
    expect(leaderOf(c, 'n3')).toBe('n1');
    const load = writer(() => c.url('n3'));
    // A few acknowledged writes before the crash (how many is arbitrary: a starved machine makes few).
    await until('some writes', () => load.acked.length > 5);
    await c.crash('n1');
    await until('a new leader', () => leaderOf(c, 'n3') === 'n2' && ready(c, 'n2', 'n3'));
    const before = load.acked.length;
    await until('writes again', () => load.acked.length > before + 3);
    await load.stop();
    expect(c.logs.get('n3')!.some((l) => /^peer n1 down \(no heartbeat for \d+ms\)$/.test(l))).toBe(true);
    const lost = [];
    for (const key of load.acked) if ((await get(c.url('n2'), key)).status !== 200) lost.push(key);
    expect(lost).toEqual([]);
    // The old leader comes back as a follower, with everything.
    await c.start('n1');
    await until('n1 synced', () => ready(c, 'n1'));
    expect(leaderOf(c, 'n1')).toBe('n2');
    expect((await get(c.url('n1'), load.acked.at(-1)!)).status).toBe(200);
  });

  it('async replication acknowledges at once, and loses the writes a crashed leader had not shipped', async () => {
    // A 5s heartbeat timeout: the cut-off leader must still acknowledge the three writes below
    // before it sees that it lost its quorum, even when the machine stalls it for seconds.
    cluster = await startCluster(3, { REPLICATION: 'async', ASYNC_LAG: '1s', HEARTBEAT_TIMEOUT: '5s' });
    const c = cluster;
    await until('a ready cluster', () => ready(c, 'n1', 'n2', 'n3'));
    // Cut the leader off first, so that no shipment can go out (on a busy machine the writes could
    // otherwise straddle a shipment). It acknowledges at once, before its heartbeat timeout shows
    // it has lost its quorum.
    c.partition(['n1'], ['n2', 'n3']);
    for (const key of ['a', 'b', 'c']) expect(await put(c.url('n1'), key, 'x')).toBe(200);
    await c.crash('n1');
    c.heal();
    await until('a new leader', () => ready(c, 'n2', 'n3') && leaderOf(c, 'n2') === 'n2');
    for (const key of ['a', 'b', 'c']) expect((await get(c.url('n2'), key)).status).toBe(404);
    // The old leader's unshipped writes are dropped when it rejoins: the new leader's log wins.
    await c.start('n1');
    await until('n1 synced', () => ready(c, 'n1'));
    expect((await get(c.url('n1'), 'a')).status).toBe(404);
  });

  it('a node that loses its quorum turns read-only: writes 503, reads served; writable again with a peer back', async () => {
    cluster = await startCluster(3);
    const c = cluster;
    await until('a ready cluster', () => ready(c, 'n1', 'n2', 'n3'));
    expect(await put(c.url('n1'), 'kept', 'yes')).toBe(200);
    await c.crash('n2');
    await c.crash('n3');
    await until('read-only', () => c.node('n1').node.mode() === 'read-only');
    expect(c.logs.get('n1')).toContain('lost quorum (hears 1 of 3 nodes): read-only');
    const refused = await fetch(`${c.url('n1')}/kv/new`, { method: 'PUT', body: 'no' });
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain('read-only: no quorum (hears 1 of 3 nodes)');
    expect(await get(c.url('n1'), 'kept')).toEqual({ status: 200, text: 'yes' });
    await c.start('n2');
    await until('writable', () => ready(c, 'n1', 'n2'));
    expect(await put(c.url('n1'), 'new', 'yes')).toBe(200);
  });

  it('a follower cut off from the majority turns read-only; the majority keeps its leader; after the heal it catches up without deposing it', async () => {
    cluster = await startCluster(3);
    const c = cluster;
    await until('a ready cluster', () => ready(c, 'n1', 'n2', 'n3'));
    const term = c.node('n1').node.view.term;
    c.partition(['n3'], ['n1', 'n2']);
    await until('n3 read-only', () => c.node('n3').node.mode() === 'read-only');
    expect(await put(c.url('n3'), 'refused', 'x')).toBe(503);
    for (let i = 0; i < 20; i++) expect(await put(c.url('n2'), `during-${i}`, 'x')).toBe(200);
    c.heal();
    await until('n3 back in sync', () => ready(c, 'n3'));
    expect(await get(c.url('n3'), 'during-19')).toEqual({ status: 200, text: 'x' });
    for (const id of c.ids) expect(c.node(id).node.view).toEqual({ term, leader: 'n1' });
    expect(c.logs.get('n3')).toContain('lost quorum (hears 1 of 3 nodes): read-only');
  });

  it('restores a node whose checkpoint is corrupt at start from a peer, serving nothing until then', async () => {
    cluster = await startCluster(3);
    const c = cluster;
    await until('a ready cluster', () => ready(c, 'n1', 'n2', 'n3'));
    for (const key of ['a', 'b', 'c']) expect(await put(c.url('n1'), key, `value-${key}`)).toBe(200);
    await until('n3 replicated', () => c.node('n3').node.store.size === 3);
    await c.node('n3').stop(true);
    c.running.delete('n3');
    const file = join(c.dataDir('n3'), 'checkpoint.json');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x04;
    writeFileSync(file, bytes);
    await c.start('n3');
    expect(
      c.logs.get('n3')!.some((l) => l.startsWith('checkpoint corrupt at start: checksum mismatch')),
    ).toBe(true);
    await until('restored', () => ready(c, 'n3'));
    expect(c.logs.get('n3')).toContain('state restored from n1 (seq 3, 3 keys)');
    expect(await get(c.url('n3'), 'b')).toEqual({ status: 200, text: 'value-b' });
    expect(c.node('n3').node.checkpointer.status).toMatchObject({
      state: 'restored',
      corruptions: 1,
      restoredFrom: 'n1',
    });
  });

  it('detects a checkpoint corrupted on disk while running, and restores it', async () => {
    cluster = await startCluster(3);
    const c = cluster;
    await until('a ready cluster', () => ready(c, 'n1', 'n2', 'n3'));
    expect(await put(c.url('n1'), 'a', '1')).toBe(200);
    const file = join(c.dataDir('n2'), 'checkpoint.json');
    await until('a checkpoint with the write', () => c.node('n2').node.checkpointer.status.seq === 1);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    await until('restored', () => c.node('n2').node.checkpointer.status.state === 'restored');
    expect(c.logs.get('n2')!.some((l) => /^checkpoint corrupt on disk: body is \d+ bytes/.test(l))).toBe(
      true,
    );
    await until('a good checkpoint again', () => readFileSync(file, 'utf8').includes('"a"'));
  });

  it('heals mild drift from the majority, and quarantines a node with severe drift', async () => {
    // Drift checks twice a second, healed once seen at two checks: the setting bites for >= 500ms.
    cluster = await startCluster(3, { DRIFT_INTERVAL: '500ms' });
    const c = cluster;
    await until('a ready cluster', () => ready(c, 'n1', 'n2', 'n3'));
    await fetch(`${c.url('n3')}/admin/settings/max_value_bytes`, { method: 'PUT', body: '1' });
    expect(await put(c.url('n3'), 'big', 'too big now')).toBe(413);
    await until('healed', () => c.node('n3').node.driftWatch.status.state === 'healed');
    expect(c.logs.get('n3')).toContain('drift detected (mild): setting max_value_bytes=1 (majority: 4096)');
    expect(await put(c.url('n3'), 'big', 'fits again')).toBe(200);

    for (const key of ['w', 'x', 'y', 'z'])
      await fetch(`${c.url('n1')}/admin/kv/${key}`, { method: 'PUT', body: 'odd' });
    await until('quarantined', () => c.node('n1').node.quarantined);
    expect((await fetch(`${c.url('n1')}/health`)).status).toBe(503);
    // n1 led: the others notice its silence and elect n2.
    await until('a new leader', () => leaderOf(c, 'n3') === 'n2' && ready(c, 'n2', 'n3'));
    expect(await put(c.url('n3'), 'after', 'ok')).toBe(200);
  });
});
