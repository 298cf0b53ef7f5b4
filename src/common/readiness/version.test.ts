import { describe, expect, it } from 'vitest';
import { compareVersions, isAtLeast, parseVersion } from './version.js';

describe('versions', () => {
  it('parses Node-style and bare versions', () => {
    expect(parseVersion('v20.19.1')).toEqual([20, 19, 1]);
    expect(parseVersion('1.41')).toEqual([1, 41]);
    expect(parseVersion('2.12.0-rc1')).toEqual([2, 12, 0]);
    expect(parseVersion('git')).toBeUndefined();
  });

  it('compares numerically, part by part, missing parts as 0', () => {
    expect(compareVersions('20.9.0', '20.19.0')).toBeLessThan(0);
    expect(compareVersions('v20.19', '20.19.0')).toBe(0);
    expect(compareVersions('22.0.0', '20.19.5')).toBeGreaterThan(0);
  });

  it('isAtLeast is false for an unreadable version instead of throwing', () => {
    expect(isAtLeast('v20.19.0', '20.19.0')).toBe(true);
    expect(isAtLeast('v20.18.3', '20.19.0')).toBe(false);
    expect(isAtLeast('unknown', '20.19.0')).toBe(false);
  });
});
