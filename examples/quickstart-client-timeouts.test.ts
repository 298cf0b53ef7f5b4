import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDuration } from '../src/common/duration.js';
import { parseConfig } from './reference-cluster/config.js';

interface QuickstartDrill {
  target: { nodes: Record<string, { env: Record<string, string> }> };
  probes: Array<{ name: string; role: string; timeout?: string }>;
  load: { timeout: string };
  integrity: { write_timeout: string };
}

const drill = parse(readFileSync(resolve(import.meta.dirname, '../scenarios/quickstart.yaml'), 'utf8'), {
  merge: true,
}) as QuickstartDrill;

/**
 * How long the cluster may take to answer a write sent to n3 (which the drill's clients use): n3
 * forwards it to the leader for up to WRITE_TIMEOUT + HEARTBEAT_TIMEOUT, then answers 503 itself.
 */
function answerDeadlineMs(): number {
  // Templates are resolved at run time; the timing settings are plain values.
  const env = { ...drill.target.nodes.n3!.env, PORT: '1', PEERS: '', DATA_DIR: '/nonexistent' };
  const config = parseConfig(env);
  return config.writeTimeoutMs + config.heartbeatTimeoutMs;
}

function ms(text: string | undefined): number {
  const value = text === undefined ? undefined : parseDuration(text);
  if (value === undefined) throw new Error(`not a duration: ${text}`);
  return value;
}

describe('the demo drill (scenarios/quickstart.yaml)', () => {
  // A client that gives up before the cluster has answered counts a slow machine as the cluster's
  // failure: at load 20-28 on two cores, acknowledged writes took 1.1s and a 1s timeout aborted
  // the baseline or broke the recovery window.
  it('waits for the cluster to answer every write: each client timeout is longer than its answer deadline', () => {
    const deadline = answerDeadlineMs();
    expect(deadline).toBe(3500);
    const steady = drill.probes.filter((p) => p.role === 'steady');
    expect(steady.length).toBeGreaterThan(0);
    for (const probe of steady) expect(ms(probe.timeout), probe.name).toBeGreaterThan(deadline);
    expect(ms(drill.load.timeout), 'load.timeout').toBeGreaterThan(deadline);
    expect(ms(drill.integrity.write_timeout), 'integrity.write_timeout').toBeGreaterThan(deadline);
  });
});
