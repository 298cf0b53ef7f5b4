import { describe, expect, it } from 'vitest';
import { isAlive, parseProcStat, readProcStat } from './proc-stat.js';

describe('proc-stat', () => {
  it('counts fields from the last parenthesis, so odd command names do not shift them', () => {
    const text = '4242 (we ird) (name)) T 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 987654 0 0';
    expect(parseProcStat(text)).toEqual({ pid: 4242, state: 'T', pgrp: 4242, startTime: '987654' });
  });

  it('reads this very process: alive, with a start time', async () => {
    const stat = await readProcStat(process.pid);
    expect(stat?.pid).toBe(process.pid);
    expect(stat?.startTime).toMatch(/^\d+$/);
    expect(isAlive(stat)).toBe(true);
  });

  it('answers undefined for a pid that does not exist', async () => {
    expect(await readProcStat(2 ** 22 + 1)).toBeUndefined();
  });

  it('treats zombies as gone', () => {
    expect(isAlive({ pid: 1, state: 'Z', pgrp: 1, startTime: '1' })).toBe(false);
  });
});
