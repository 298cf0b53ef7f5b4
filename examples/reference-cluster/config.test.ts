import { describe, expect, it } from 'vitest';
import { parseConfig, parseMillis } from './config.js';

const base = { NODE_ID: 'n1', PORT: '7001', PEERS: 'n2=127.0.0.1:7002, n3=http://127.0.0.1:7003' };

describe('node configuration from the environment', () => {
  it('reads ids, peers, durations and settings, with defaults', () => {
    const config = parseConfig({
      ...base,
      HEARTBEAT_TIMEOUT: '2s',
      REPLICATION: 'async',
      DATA_DIR: '/data/n1',
    });
    expect(config.peers).toEqual([
      { id: 'n2', url: 'http://127.0.0.1:7002' },
      { id: 'n3', url: 'http://127.0.0.1:7003' },
    ]);
    expect(config).toMatchObject({
      id: 'n1',
      host: '127.0.0.1',
      port: 7001,
      heartbeatIntervalMs: 250,
      heartbeatTimeoutMs: 2000,
      dataDir: '/data/n1',
      settings: { cluster: 'reference', replication: 'async', max_value_bytes: 4096 },
    });
    expect(parseMillis('1.5s')).toBe(1500);
    expect(parseMillis('250')).toBe(250);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ NODE_ID: '' }, /NODE_ID is not set/],
    [{ PORT: 'x' }, /PORT: expected a whole number from 1 to 65535, found "x"/],
    [{ PEERS: 'n2:7002' }, /PEERS: expected id=host:port, found "n2:7002"/],
    [{ PEERS: 'n1=127.0.0.1:7001' }, /PEERS lists this node itself/],
    [
      { HEARTBEAT_TIMEOUT: 'soon' },
      /HEARTBEAT_TIMEOUT: expected a duration such as 250ms or 1.5s, found "soon"/,
    ],
    [{ HEARTBEAT_INTERVAL: '1s', HEARTBEAT_TIMEOUT: '500ms' }, /must be longer than HEARTBEAT_INTERVAL/],
    [{ REPLICATION: 'eventual' }, /REPLICATION: expected sync or async, found "eventual"/],
  ];
  for (const [env, message] of bad) {
    it(`rejects ${JSON.stringify(env)} with a clear message`, () => {
      expect(() => parseConfig({ ...base, ...env })).toThrow(message);
    });
  }
});
