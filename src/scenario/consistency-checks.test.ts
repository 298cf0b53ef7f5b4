import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../common/errors.js';
import { loadScenario } from './load.js';
import { testRegistries } from './testing/test-registries.js';
import { scenarioDir, validDrill } from './testing/scenario-files.js';

async function problems(text: string, files: Record<string, string> = {}) {
  const dir = await scenarioDir({ 'drill.yaml': text, ...files });
  const error = await loadScenario(join(dir, 'drill.yaml'), { registries: testRegistries, env: {} }).catch(
    (e: unknown) => e,
  );
  if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`);
  return error.problems;
}

const consistent = `${validDrill}  consistent: true\n`;
const section = (body: string) => `${consistent}consistency:\n${body}`;

describe('the consistency section and the consistent objective', () => {
  it('loads a section, with its defaults, and the objective', async () => {
    const dir = await scenarioDir({
      'drill.yaml': section(
        "  read: { http: 'http://${node.host}:${node.port.http}/digest', json_path: $.data }\n",
      ),
    });
    const { drill } = await loadScenario(join(dir, 'drill.yaml'), { registries: testRegistries, env: {} });
    expect(drill.objectives.consistent).toBe(true);
    expect(drill.consistency).toMatchObject({
      agree: true,
      unchanged: false,
      within: 10_000,
      interval: 500,
      timeout: 5000,
    });
    expect(drill.consistency?.read).toMatchObject({ trim: true, on: 'node', json_path: '$.data' });
  });

  it('refuses consistent: true without a consistency section, at the objective, with what to add', async () => {
    const [problem] = await problems(consistent);
    expect(problem).toMatchObject({
      path: 'objectives.consistent',
      line: 29,
      message: expect.stringContaining('an objective on consistent needs `consistency:` in the drill'),
      expected: 'a `consistency:` section',
      found: 'no `consistency:` section',
      hint: expect.stringContaining('consistency: { read: { http:'),
    });
  });

  it('refuses consistent: true from an objectives table when the drill has no section, at the class', async () => {
    const table =
      'apiVersion: firedrill/v1\nkind: Objectives\nclasses:\n  drift: { recover: 5s, consistent: true }\n';
    const drill = validDrill.replace(
      /objectives:\n[\s\S]*$/,
      'objectives: { table: ./objectives.yaml, class: drift }\n',
    );
    const [problem] = await problems(drill, { 'objectives.yaml': table });
    expect(problem).toMatchObject({
      path: 'objectives.class',
      message: expect.stringContaining('needs `consistency:`'),
    });
  });

  it('refuses consistent: false (leave it out instead)', async () => {
    const [problem] = await problems(`${validDrill}  consistent: false\n`);
    expect(problem).toMatchObject({
      path: 'objectives.consistent',
      message: expect.stringContaining('expected true'),
    });
  });

  it('refuses a read that is none or two of http, exec, module, and a section that checks nothing', async () => {
    const found = await problems(
      section("  read: { http: 'http://x/', exec: cat state }\n  agree: false\n  unchanged: false\n"),
    );
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['consistency.read', 'give one of http, exec or module, not http and exec'],
      ['consistency.agree', 'nothing to check: set agree: true and/or unchanged: true'],
    ]);
  });

  it('refuses an unknown node, an unknown ${node...} value, and ${consistency.at} without at', async () => {
    const found = await problems(
      section(
        "  nodes: [web, wbe]\n  read: { http: 'http://${node.hots}:${node.port.http}/digest?at=${consistency.at}' }\n",
      ),
    );
    expect(found.map((p) => [p.path, p.message, p.expected, p.found])).toEqual([
      ['consistency.nodes[1]', 'unknown node "wbe"', 'a node declared in target.nodes: web', '"wbe"'],
      [
        'consistency.read.http',
        'unknown template value ${node.hots}',
        expect.stringContaining('${node.host}'),
        '${node.hots}',
      ],
      [
        'consistency.read.http',
        '${consistency.at} has no value here',
        'an `at:` read that gives it a value',
        '${consistency.at}',
      ],
    ]);
    expect(found[0]?.hint).toBe('did you mean "web"?');
  });
});
