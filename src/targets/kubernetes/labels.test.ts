import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../../common/fuzz-runs.js';
import { matchesSelector, runMetadata, runNamespaceName } from './labels.js';

const key = fc.stringMatching(/^[a-z][a-z0-9./_-]{0,15}$/);
const value = fc.stringMatching(/^[A-Za-z0-9._-]{0,12}$/);

describe('matchesSelector', () => {
  it('matches equality, inequality and existence terms', () => {
    const labels = { app: 'web', tier: 'db' };
    expect(matchesSelector('app=web', labels)).toBe(true);
    expect(matchesSelector('app==web,tier=db', labels)).toBe(true);
    expect(matchesSelector('app=web,tier=cache', labels)).toBe(false);
    expect(matchesSelector('tier!=cache', labels)).toBe(true);
    expect(matchesSelector('tier!=db', labels)).toBe(false);
    expect(matchesSelector('app', labels)).toBe(true);
    expect(matchesSelector('zone', labels)).toBe(false);
    expect(matchesSelector('app=web', undefined)).toBe(false);
  });

  it("a selector written from a pod's labels matches them, and not once one value differs", () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), (labels) => {
        const selector = Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        expect(matchesSelector(selector, labels)).toBe(true);
        const [firstKey, firstValue] = Object.entries(labels)[0]!;
        expect(matchesSelector(selector, { ...labels, [firstKey]: `${firstValue}x` })).toBe(false);
      }),
      { numRuns: fuzzRuns(200), seed: fuzzSeed },
    );
  });
});

describe('run names', () => {
  it('the run namespace is a DNS label whatever the run id holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (runId) => {
        const name = runNamespaceName(runId);
        expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(name.startsWith('firedrill')).toBe(true);
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed },
    );
    expect(runNamespaceName('30953025')).toBe('firedrill-30953025');
  });

  it('labels an object with the run id and annotates its owner process', () => {
    const meta = runMetadata('30953025');
    expect(meta.labels).toEqual({ 'firedrill.run': '30953025' });
    expect(meta.annotations['firedrill.owner']).toMatch(new RegExp(`:${process.pid}$`));
  });
});
