import { describe, expect, it } from 'vitest';
import { parseJsonPath, selectJsonPath, type JsonPathStep } from './json-path.js';

const select = (document: unknown, path: string) =>
  selectJsonPath(document, parseJsonPath(path) as JsonPathStep[]);

describe('JSON path', () => {
  const doc = {
    role: 'master',
    nodes: [{ state: 'up' }, { state: 'down' }],
    'odd key': { 'a.b': 1 },
    n: null,
  };

  it('selects keys, indexes (negative from the end) and quoted keys', () => {
    expect(select(doc, '$')).toEqual({ found: true, value: doc });
    expect(select(doc, '$.role')).toEqual({ found: true, value: 'master' });
    expect(select(doc, '$.nodes[1].state')).toEqual({ found: true, value: 'down' });
    expect(select(doc, '$.nodes[-1].state')).toEqual({ found: true, value: 'down' });
    expect(select(doc, '$[\'odd key\']["a.b"]')).toEqual({ found: true, value: 1 });
    expect(select(doc, '$.n')).toEqual({ found: true, value: null });
  });

  it('says which part of the path is missing', () => {
    expect(select(doc, '$.nodes[2].state')).toEqual({ found: false, missing: '$.nodes[2]' });
    expect(select(doc, '$.role.name')).toEqual({ found: false, missing: '$.role.name' });
    expect(select(doc, '$.nodes.state')).toEqual({ found: false, missing: '$.nodes.state' });
    expect(select([1], '$.length')).toEqual({ found: false, missing: '$.length' });
    expect(select({}, '$.toString')).toEqual({ found: false, missing: '$.toString' });
  });

  it('rejects what it does not support, saying so', () => {
    expect(parseJsonPath('role')).toEqual({ error: expect.stringContaining('starts with $') });
    expect(parseJsonPath('$.nodes[*]')).toEqual({
      error: expect.stringContaining('wildcards and filters are not supported'),
    });
    expect(parseJsonPath('$..role')).toHaveProperty('error');
  });
});
