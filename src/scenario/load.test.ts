import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import { loadScenario } from './load.js';
import { testRegistries } from './testing/test-registries.js';
import { scenarioDir, validDrill } from './testing/scenario-files.js';

const registries = testRegistries;

async function load(text: string, extra: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const dir = await scenarioDir({ 'drill.yaml': text, ...extra });
  return loadScenario(join(dir, 'drill.yaml'), { registries, env });
}

async function problems(text: string, extra: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const error = await load(text, extra, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`);
  return error.problems;
}

/** The essentials of a problem: `line:column path` and the message. */
function brief(p: ScenarioProblem): string {
  return `${p.line}:${p.column} ${p.path}: ${p.message}`;
}

describe('loadScenario', () => {
  it('loads a valid drill with durations in ms and the defaults filled in', async () => {
    const { drill, baseDir } = await load(validDrill);
    expect(drill.name).toBe('web-kill');
    expect(drill.probes[0]).toMatchObject({
      name: 'health',
      interval: 250,
      timeout: 1000,
      expect: 'pass',
      status: 200,
    });
    expect(drill.faults[0]).toMatchObject({ type: 'kill', node: 'web', at: 2000, duration: 10_000 });
    expect(drill.objectives).toEqual({ detect: 2000, recover: 10_000 });
    expect(drill).toMatchObject({
      baseline: 5000,
      stable_for: 3,
      repeat: 1,
      timeouts: { recover: 60_000, drill: 600_000 },
    });
    expect(baseDir).toMatch(/firedrill-scenario-/);
  });

  it('resolves ${env.NAME} at load time and leaves ${nodes...} for the engine', async () => {
    const text = validDrill.replace('[node, server.js]', '[node, "${env.APP}"]');
    const { drill } = await load(text, {}, { APP: 'server.js' });
    expect(drill.target).toMatchObject({ nodes: { web: { command: ['node', 'server.js'] } } });
    expect(drill.probes[0]).toMatchObject({ url: 'http://127.0.0.1:${nodes.web.port.http}/health' });
  });

  it('accepts YAML anchors and merge keys for repeated settings', async () => {
    const text = validDrill.replace(
      '  - name: noticed\n    role: detect',
      '  - <<: &fast { interval: 100ms }\n    name: noticed\n    role: detect',
    );
    const { drill } = await load(text);
    expect(drill.probes[1]).toMatchObject({ name: 'noticed', interval: 100 });
  });

  it('points an unknown key at the key itself, with the closest known key', async () => {
    const [p] = await problems(validDrill.replace('    duration: 10s', '    duraton: 10s'));
    expect(brief(p!)).toBe('25:5 faults[0].duraton: unknown key "duraton"');
    expect(p!.hint).toBe('did you mean "duration"?');
    expect(p!.expected).toContain('duration');
  });

  it('reports a bad duration with what was found and how to write it', async () => {
    const [p] = await problems(validDrill.replace('at: 2s', 'at: 2'));
    expect(brief(p!)).toBe('24:9 faults[0].at: expected a duration such as 250ms, 5s or 2m (0s to 720h)');
    expect(p).toMatchObject({ found: '2 (a number)', hint: 'add a unit: "2s" or "2ms"' });
  });

  it('reports a wrong type as expected versus found', async () => {
    const [p] = await problems(validDrill.replace('name: web-kill\n', 'name: web-kill\ntags: smoke\n'));
    expect(brief(p!)).toBe('4:7 tags: wrong type');
    expect(p).toMatchObject({ expected: 'a list (- item lines)', found: '"smoke"' });
  });

  it('reports a missing required field on the mapping that lacks it', async () => {
    const [p] = await problems(validDrill.replace('    node: web\n', ''));
    expect(brief(p!)).toBe('21:5 faults[0].node: missing required field "node"');
  });

  it('lists the valid types for an unknown fault type', async () => {
    const [p] = await problems(validDrill.replace('type: kill', 'type: kil'));
    expect(brief(p!)).toBe('22:11 faults[0].type: unknown fault type "kil"');
    expect(p).toMatchObject({ expected: 'one of kill, pause, restart', hint: 'did you mean "kill"?' });
  });

  it('refuses an objective on detect without a detect probe: TTD is never guessed', async () => {
    const text = validDrill.replace('role: detect', 'role: during');
    const [p] = await problems(text);
    expect(brief(p!)).toMatch(
      /^27:11 objectives\.detect: an objective on detect needs a probe with role "detect"/,
    );
  });

  it('checks that faults and probes name declared nodes', async () => {
    const text = validDrill
      .replace('node: web', 'node: wbe')
      .replace("'grep -q failover state']", "'true']\n    node: db");
    const found = (await problems(text)).map(brief);
    expect(found).toEqual([
      '20:11 probes[1].node: unknown node "db"',
      '24:11 faults[0].node: unknown node "wbe"',
    ]);
  });

  it('checks template references against declared nodes, ports and links', async () => {
    const text = validDrill.replace('port.http}', 'port.htp}').replace('/health', '/${links.db.host}');
    const [p, q] = await problems(text);
    expect(brief(p!)).toBe(
      '14:10 probes[0].url: ${nodes.web.port.htp} names a port node "web" does not declare',
    );
    expect(p!.hint).toBe('did you mean "http"?');
    expect(brief(q!)).toBe('14:10 probes[0].url: ${links.db.host} names an unknown link "db"');
  });

  it('knows ${run.dir} and refuses other ${run...} values', async () => {
    await expect(load(validDrill.replace('/health', '/${run.dir}'))).resolves.toBeDefined();
    const [p] = await problems(validDrill.replace('/health', '/${run.directory}'));
    expect(brief(p!)).toBe('14:10 probes[0].url: unknown template value ${run.directory}');
    expect(p!.expected).toBe('${run.dir}');
  });

  it('refuses duplicate probe names, pointing at the second', async () => {
    const [p] = await problems(validDrill.replace('name: noticed', 'name: health'));
    expect(brief(p!)).toBe('16:11 probes[1].name: duplicate probe name "health" (already used by probes[0])');
  });

  it('checks that `after` names another fault', async () => {
    const text = `${validDrill.replace('objectives:', '  - type: pause\n    node: web\n    after: kill-wbe\nobjectives:')}`;
    const [p] = await problems(text);
    expect(brief(p!)).toBe('28:12 faults[1].after: "after" names no fault: "kill-wbe"');
    expect(p!.hint).toBe('did you mean "kill-web"?');
  });

  it('reports an unset environment variable where it is used', async () => {
    const [p] = await problems(validDrill.replace('[node, server.js]', '[node, "${env.APP_MAIN}"]'));
    expect(brief(p!)).toBe('8:23 target.nodes.web.command[1]: environment variable APP_MAIN is not set');
  });

  it('reports every problem at once, in file order', async () => {
    const text = validDrill
      .replace('at: 2s', 'at: soon')
      .replace('type: http', 'type: htp')
      .replace('stable', 'stable');
    const found = (await problems(`${text}stable_for: 0\n`)).map((p) => p.path);
    expect(found).toEqual(['probes[0].type', 'faults[0].at', 'stable_for']);
  });

  it('locates YAML syntax errors and stops there', async () => {
    const [p, ...rest] = await problems('apiVersion: firedrill/v1\nkind: Drill\nprobes: [\n  - a\n');
    expect(p!.message).toMatch(/^YAML syntax error/);
    expect(p!.line).toBeGreaterThanOrEqual(3);
    expect(rest.every((r) => r.message.startsWith('YAML syntax error'))).toBe(true);
  });

  it('says when a file holds another kind of document', async () => {
    const [p] = await problems('apiVersion: firedrill/v1\nkind: Objectives\nclasses: {}\n');
    expect(brief(p!)).toBe('2:7 kind: expected a "Drill" document');
  });
});

describe('objectives tables', () => {
  const table = `apiVersion: firedrill/v1
kind: Objectives
classes:
  single-node-failure:
    detect: 2s
    recover: 30s
    lost_writes: 0
    availability: 99.5%
  network-partition:
    recover: 2m
`;
  const withRef = (name: string) =>
    validDrill.replace(
      /objectives:\n[\s\S]*$/,
      // lost_writes and availability in the table need a ledger and load (after objectives: line numbers stay).
      `objectives:\n  table: ./objectives.yaml\n  class: ${name}\n` +
        'load: { url: "http://127.0.0.1:8080/", rate: 10 }\n' +
        'integrity: { driver: http, write: { url: "http://127.0.0.1:8080/kv/${id}" }, read: { url: "http://127.0.0.1:8080/kv" } }\n',
    );

  it('resolves {table, class} relative to the scenario into inline objectives', async () => {
    const { drill } = await load(withRef('single-node-failure'), { 'objectives.yaml': table });
    expect(drill.objectives).toEqual({ detect: 2000, recover: 30_000, lost_writes: 0, availability: 0.995 });
    expect(drill.objectivesFrom).toEqual({ table: './objectives.yaml', class: 'single-node-failure' });
  });

  it('suggests the closest class and lists them all for an unknown class', async () => {
    const [p] = await problems(withRef('single-node-failur'), { 'objectives.yaml': table });
    expect(brief(p!)).toBe(
      '28:10 objectives.class: no class "single-node-failur" in objectives table ./objectives.yaml',
    );
    expect(p).toMatchObject({
      expected: 'one of single-node-failure, network-partition',
      hint: 'did you mean "single-node-failure"?',
    });
  });

  it('points problems inside the table into the table file', async () => {
    const bad = table.replace('lost_writes: 0', 'lost_writes: -1');
    const [p] = await problems(withRef('single-node-failure'), { 'objectives.yaml': bad });
    expect(p!.file).toMatch(/objectives\.yaml$/);
    expect(brief(p!)).toBe('7:18 classes.single-node-failure.lost_writes: lost_writes cannot be negative');
  });

  it('reports a missing table at the scenario field', async () => {
    const [p] = await problems(withRef('x'));
    expect(brief(p!)).toMatch(/^27:10 objectives\.table: objectives table not found: /);
  });

  it('applies the detect-probe rule to objectives that come from a table', async () => {
    const text = withRef('single-node-failure').replace('role: detect', 'role: during');
    const [p] = await problems(text, { 'objectives.yaml': table });
    expect(brief(p!)).toMatch(
      /^28:10 objectives\.class: an objective on detect needs a probe with role "detect"/,
    );
  });
});
