import { describe, expect, it, vi } from 'vitest';
import { lazyPlugin } from './load-on-demand.js';

describe('lazyPlugin', () => {
  it('imports the plugin once, on the first load, and hands it out after', async () => {
    const schema = { name: 'schema' };
    const plugin = { schema, run: () => 'ran' };
    const importPlugin = vi.fn(async () => plugin);
    const lazy = lazyPlugin(schema, importPlugin);
    expect(lazy.schema).toBe(schema);
    expect(importPlugin).not.toHaveBeenCalled();
    expect(() => lazy.loaded()).toThrow(/before it was loaded/);
    const [first, second] = await Promise.all([lazy.load(), lazy.load()]);
    expect(first).toBe(plugin);
    expect(second).toBe(plugin);
    expect(importPlugin).toHaveBeenCalledTimes(1);
    expect(lazy.loaded().run()).toBe('ran');
  });

  it('refuses a plugin whose schema is not the one its registry lists', async () => {
    const lazy = lazyPlugin({ name: 'listed' }, async () => ({ schema: { name: 'other' } }));
    await expect(lazy.load()).rejects.toThrow(/schema its registry lists/);
  });
});
