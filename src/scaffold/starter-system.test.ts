import { describe, expect, it } from 'vitest';
import { MAX_DRILL_NAME } from '../scenario/drill-schema.js';
import { drillName } from './starter-system.js';

describe('drillName', () => {
  it('makes a kebab-case name that a drill may have, however long the container name', () => {
    expect(drillName('My_Project.web-1')).toBe('my-project-web-1');
    const long = drillName(`${'a'.repeat(60)}-${'b'.repeat(60)}-starter`);
    expect(long.length).toBeLessThanOrEqual(MAX_DRILL_NAME);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(drillName(`${'x'.repeat(99)}--y`)).toBe('x'.repeat(99));
    expect(drillName('***')).toBe('starter-drill');
  });
});
