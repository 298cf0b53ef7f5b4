import { describe, expect, it } from 'vitest';
import { processTargetSchema } from './process-schema.js';
import { resolveNodeSpec } from './node-spec.js';

const nodeConfig = (node: object) =>
  processTargetSchema.parse({
    type: 'process',
    nodes: {
      n1: { command: 'true', ports: { http: 'auto' }, ...node },
      n2: { command: 'true', ports: { http: 'auto' } },
    },
  }).nodes.n1!;

describe('resolveNodeSpec', () => {
  const ports = { n1: { http: 4001 }, n2: { http: 4002 } };
  const presets = { 'run.dir': '/runs/r1', 'links.db.host': '127.0.0.1', 'links.db.port': '5999' };

  it('fills its own ports, the other nodes, the run directory and the links into command, env and data_dirs', () => {
    const spec = resolveNodeSpec(
      'n1',
      nodeConfig({
        command: ['server', '--port', '${port.http}', '--peer', '${nodes.n2.host}:${nodes.n2.port.http}'],
        env: { DATA_DIR: '${run.dir}/n1', DB: '${links.db.host}:${links.db.port}' },
        data_dirs: ['${run.dir}/n1'],
      }),
      ports,
      '/scenarios',
      presets,
    );
    expect(spec.argv).toEqual(['server', '--port', '4001', '--peer', '127.0.0.1:4002']);
    expect(spec.env).toEqual({ DATA_DIR: '/runs/r1/n1', DB: '127.0.0.1:5999' });
    expect(spec.dataDirs).toEqual(['/runs/r1/n1']);
  });

  it("leaves what it does not know for the scenario's resolver, and resolves relative paths against the scenario", () => {
    const spec = resolveNodeSpec(
      'n1',
      nodeConfig({ command: 'echo ${HOME}', data_dirs: ['data'] }),
      ports,
      '/scenarios',
    );
    expect(spec.argv).toEqual(['/bin/sh', '-c', 'echo ${HOME}']);
    expect(spec.dataDirs).toEqual(['/scenarios/data']);
  });
});
