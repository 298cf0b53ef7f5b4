import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioProblem } from '../common/errors.js';
import { loadObjectivesTable, resolveObjectivesRef } from './load-objectives.js';
import { scenarioDir } from './testing/scenario-files.js';

const head = 'apiVersion: firedrill/v1\nkind: Objectives\n';

async function tableFile(classes: string): Promise<string> {
  const dir = await scenarioDir({ 'objectives.yaml': `${head}classes:\n${classes}` });
  return join(dir, 'objectives.yaml');
}

async function problems(classes: string): Promise<readonly ScenarioProblem[]> {
  const error = await loadObjectivesTable(await tableFile(classes)).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`);
  return error.problems;
}

describe('objectives table claims', () => {
  it('reads a display name, claims beside the targets and the data a class protects', async () => {
    const table = await loadObjectivesTable(
      await tableFile(
        [
          '  node-failure:',
          '    name: Node failure',
          '    protects: User data',
          '    recover: 10s',
          '    lost_writes: 0',
          '    claim: { recover: 5s, lost_writes: 0 }',
        ].join('\n'),
      ),
    );
    expect(table.classes['node-failure']).toEqual({
      name: 'Node failure',
      protects: 'User data',
      recover: 10_000,
      lost_writes: 0,
      claim: { recover: 5_000, lost_writes: 0 },
    });
  });

  it('gives a drill only the objectives of its class, not the name, claim or protects', async () => {
    const file = await tableFile(
      '  node-failure: { name: Node failure, protects: Orders, recover: 10s, lost_writes: 0, claim: { recover: 5s } }',
    );
    const resolved = await resolveObjectivesRef({ table: file, class: 'node-failure' }, '/');
    expect(resolved.objectives).toEqual({ recover: 10_000, lost_writes: 0 });
  });

  it('refuses a claim on an objective the class has no target for, at the claim', async () => {
    const [p] = await problems('  node-failure:\n    recover: 10s\n    claim: { detect: 2s }\n');
    expect(p).toMatchObject({
      line: 6,
      path: 'classes.node-failure.claim.detect',
      message: 'a claim on "detect" needs a target for it in the class',
      expected: 'a claim on one of recover',
      found: '"detect"',
    });
    expect(p?.hint).toContain('add "detect: <target>" to class node-failure');
  });

  it('refuses protects on a class that measures no data', async () => {
    const [p] = await problems('  node-failure:\n    recover: 10s\n    protects: User data\n');
    expect(p).toMatchObject({
      line: 6,
      path: 'classes.node-failure.protects',
      expected: 'lost_writes or rpo in the class',
      found: 'objectives recover',
    });
  });

  it('refuses a claim that is not a duration, and a claim with no objective, with the schema message', async () => {
    const [bad] = await problems('  node-failure:\n    recover: 10s\n    claim: { recover: soon }\n');
    expect(bad).toMatchObject({ path: 'classes.node-failure.claim.recover', line: 6 });
    const [empty] = await problems('  node-failure:\n    recover: 10s\n    claim: {}\n');
    expect(empty?.message).toContain('a claim names at least one objective');
    const unknown = await problems(
      '  node-failure:\n    recover: 10s\n    claim: { recovery: 5s, recover: 3s }\n',
    );
    expect(unknown).toEqual([
      expect.objectContaining({
        path: 'classes.node-failure.claim.recovery',
        line: 6,
        message: 'unknown key "recovery"',
        hint: 'did you mean "recover"?',
      }),
    ]);
  });

  it('still needs an objective: a name alone is no class', async () => {
    const [p] = await problems('  node-failure: { name: Node failure }\n');
    expect(p?.message).toContain('at least one objective is needed');
  });
});
