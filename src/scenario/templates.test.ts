import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../common/errors.js';
import { loadScenario } from './load.js';
import { resolveTemplates } from './templates.js';
import { scenarioDir, validDrill } from './testing/scenario-files.js';
import { testRegistries } from './testing/test-registries.js';

const values = {
  'nodes.web.host': '127.0.0.1',
  'nodes.web.port.http': '41234',
  'links.db.host': '127.0.0.1',
  'links.db.port': '41999',
};

describe('resolveTemplates', () => {
  it('replaces node and link values in every string, at any depth, without touching the input', () => {
    const config = {
      url: 'http://${nodes.web.host}:${nodes.web.port.http}/health',
      command: ['redis-cli', '-p', '${links.db.port}'],
      nested: { env: { DB: '${links.db.host}:${links.db.port}' } },
      interval: 500,
    };
    expect(resolveTemplates(config, values)).toEqual({
      url: 'http://127.0.0.1:41234/health',
      command: ['redis-cli', '-p', '41999'],
      nested: { env: { DB: '127.0.0.1:41999' } },
      interval: 500,
    });
    expect(config.url).toContain('${nodes.web.host}');
  });

  it('leaves references it does not own (shell variables) alone', () => {
    expect(resolveTemplates({ command: 'echo ${HOME} ${port.http}' }, values)).toEqual({
      command: 'echo ${HOME} ${port.http}',
    });
  });

  it('lists every unknown reference with its closest matches', () => {
    const error = (() => {
      try {
        resolveTemplates({ a: '${nodes.web.port.htp}', b: ['${links.dbb.port}'] }, values);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    const problems = (error as ScenarioError).problems;
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['a', 'unknown template value ${nodes.web.port.htp}'],
      ['b[0]', 'unknown template value ${links.dbb.port}'],
    ]);
    expect(problems[0]!.hint).toBe('did you mean ${nodes.web.port.http}?');
    expect(problems[1]!.hint).toBe('did you mean ${links.db.port}?');
  });

  it('places a problem in the scenario file when given where the value came from', async () => {
    const dir = await scenarioDir({ 'drill.yaml': validDrill });
    const loaded = await loadScenario(join(dir, 'drill.yaml'), { registries: testRegistries, env: {} });
    const probe = loaded.drill.probes[0];
    const source = { file: loaded.file, locate: loaded.locate, path: ['probes', 0] };
    expect(() => resolveTemplates(probe, { 'nodes.web.port.http': '1' }, source)).not.toThrow();
    try {
      resolveTemplates(probe, {}, source);
      expect.unreachable();
    } catch (e) {
      expect((e as ScenarioError).problems[0]).toMatchObject({ line: 14, column: 10, path: 'probes[0].url' });
    }
  });
});
