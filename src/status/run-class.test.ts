import { describe, expect, it } from 'vitest';
import { matchScore, tableOfRun } from './run-class.js';

describe('which table a run counts for', () => {
  const table = '/srv/drills/scenarios/etcd/objectives.yaml';

  it('the same file: relative to the working directory, or absolute', () => {
    expect(matchScore('scenarios/etcd/objectives.yaml', table, '/srv/drills')).toBe(Infinity);
    expect(matchScore(table, table, '/elsewhere')).toBe(Infinity);
  });

  it('a history from another checkout: the directory and file name must agree', () => {
    expect(matchScore('/home/ci/work/scenarios/etcd/objectives.yaml', table, '/x')).toBe(3);
    expect(matchScore('/home/ci/etcd/objectives.yaml', table, '/x')).toBe(2);
    expect(matchScore('/home/ci/redis/objectives.yaml', table, '/x')).toBe(0);
    expect(matchScore('objectives.yaml', table, '/x')).toBe(0);
    expect(matchScore('../objectives.yaml', '/srv/objectives.yaml', '/x')).toBe(0);
  });

  it('picks the best match among the given tables, none when nothing matches', () => {
    const tables = ['/a/scenarios/objectives.yaml', '/a/scenarios/etcd/objectives.yaml'];
    expect(tableOfRun({ tablePath: '/b/scenarios/etcd/objectives.yaml', class: 'x' }, tables, '/')).toBe(1);
    expect(tableOfRun({ tablePath: 'scenarios/objectives.yaml', class: 'x' }, tables, '/a')).toBe(0);
    expect(tableOfRun({ tablePath: '/b/other/objectives.yaml', class: 'x' }, tables, '/')).toBeUndefined();
  });
});
