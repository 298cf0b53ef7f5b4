import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../common/errors.js';
import { loadScenario } from './load.js';
import { testRegistries } from './testing/test-registries.js';
import { scenarioDir, validDrill } from './testing/scenario-files.js';

async function load(text: string) {
  const dir = await scenarioDir({ 'drill.yaml': text });
  return loadScenario(join(dir, 'drill.yaml'), { registries: testRegistries, env: {} });
}

const withRecovery = (signals: string) => `${validDrill}recovery:\n  signals: ${signals}\n`;

describe('recovery.signals', () => {
  it('accepts the steady probes of the drill', async () => {
    const { drill } = await load(withRecovery('[health]'));
    expect(drill.recovery).toEqual({ signals: ['health'] });
  });

  it('refuses an unknown name, a non-steady probe, and load/ledger the drill does not have', async () => {
    const error = await load(withRecovery('[helth, noticed, load, ledger]')).catch((e: unknown) => e);
    if (!(error instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(error)}`);
    expect(error.problems.map((p) => [p.path, p.message, p.hint])).toEqual([
      ['recovery.signals[0]', '"helth" is not a steady signal of this drill', 'did you mean "health"?'],
      ['recovery.signals[1]', '"noticed" is not a steady signal of this drill', expect.any(String)],
      ['recovery.signals[2]', '"load" is not a steady signal of this drill', expect.any(String)],
      ['recovery.signals[3]', '"ledger" is not a steady signal of this drill', expect.any(String)],
    ]);
    expect(error.problems[0]).toMatchObject({ expected: 'one of health', found: '"helth"' });
  });

  it('refuses an empty list', async () => {
    const error = await load(withRecovery('[]')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
  });
});
