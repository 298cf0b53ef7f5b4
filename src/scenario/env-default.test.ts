import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../common/fuzz-runs.js';
import { envValue, substituteEnv } from './templates.js';

const where = { file: 'd.yaml', locate: () => ({ line: 1, column: 1 }) };
const substitute = (text: string, env: NodeJS.ProcessEnv) => substituteEnv({ text }, env, where);

describe('${env.X:-default}', () => {
  it('takes the variable when set, the default when unset or empty (as the shell does)', () => {
    expect(substitute('${env.PORT:-8080}', { PORT: '9090' }).value).toEqual({ text: '9090' });
    expect(substitute('${env.PORT:-8080}', {}).value).toEqual({ text: '8080' });
    expect(substitute('${env.PORT:-8080}', { PORT: '' }).value).toEqual({ text: '8080' });
    expect(substitute('host=${env.H:-db.local:5432}/x', {}).value).toEqual({ text: 'host=db.local:5432/x' });
    expect(substitute('${env.EMPTY:-}', {}).value).toEqual({ text: '' });
  });

  it('still refuses an unset variable without a default, and says how to give one', () => {
    const { problems } = substitute('${env.MISSING}', {});
    expect(problems).toMatchObject([{ message: 'environment variable MISSING is not set' }]);
    expect(problems[0]!.hint).toContain('${env.MISSING:-value}');
  });

  it('reads own keys only: ${env.constructor} is an unset variable, not Object.prototype.constructor', () => {
    const env = {} as NodeJS.ProcessEnv;
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(substitute(`\${env.${name}}`, env).problems, name).toHaveLength(1);
    expect(envValue('env.toString:-x', env)).toEqual({ name: 'toString', value: 'x' });
  });

  it('property: a set variable wins, an unset one gives its default, whatever the texts', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/);
    const text = fc.string({ maxLength: 30 }).filter((t) => !t.includes('}'));
    fc.assert(
      fc.property(
        name,
        text,
        fc.option(
          text.filter((t) => t !== ''),
          { nil: undefined },
        ),
        (n, fallback, value) => {
          const env: NodeJS.ProcessEnv = value === undefined ? {} : { [n]: value };
          const result = substitute(`\${env.${n}:-${fallback}}`, env);
          expect(result.problems).toEqual([]);
          expect(result.value).toEqual({ text: value ?? fallback });
        },
      ),
      { seed: 1211, numRuns: fuzzRuns(200) },
    );
  });
});
