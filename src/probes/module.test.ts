import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../common/logger.js';
import { startProcessTarget, type FixtureRun } from '../../test/fixtures/servers/fixture-target.js';
import type { StartedTarget } from '../targets/target.js';
import { moduleProbe } from './module.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const KV = join(repo, 'test/fixtures/servers/kv-server.mjs');

let run: FixtureRun;
let kvUrl: string;
beforeAll(async () => {
  run = await startProcessTarget({
    kv: {
      command: ['node', KV],
      env: { PORT: '${port.http}' },
      ports: { http: 'auto' },
      ready: { http: '/health', timeout: '10s' },
      stop_timeout: '2s',
    },
  });
  kvUrl = `http://127.0.0.1:${run.target.templateValues()['nodes.kv.port.http']}`;
});
afterAll(() => run.target.stop());

function create(input: Record<string, unknown>, baseDir: string, target: StartedTarget = run.target) {
  const config = moduleProbe.schema.parse({ type: 'module', name: 'mine', role: 'steady', ...input });
  return moduleProbe.create(config, { target, clock: run.clock, logger: silentLogger, baseDir });
}

const signal = new AbortController().signal;

function moduleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-module-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('module probe', () => {
  it('runs the TypeScript example (loaded through tsx) against a live server', async () => {
    const probe = create({ path: 'probes/write-read.ts', options: { url: kvUrl } }, join(repo, 'examples'));
    await probe.ready?.(signal);
    const outcome = await probe.check(signal);
    expect(outcome).toMatchObject({ ok: true, detail: 'write read back' });
    expect(outcome.value).toBeGreaterThan(0);
    await probe.close?.();
  });

  it('takes a plain object export, a named export, boolean results, and calls close', async () => {
    const dir = moduleDir({
      'plain.mjs': `export let closed = 0;
        export default { check: () => true, close: () => { closed++; } };
        export const failing = { check: async () => ({ ok: false, detail: 'replica lag 12s', value: 12 }) };`,
    });
    const plain = create({ path: 'plain.mjs' }, dir);
    expect(await plain.check(signal)).toEqual({ ok: true });
    await plain.close?.();
    const module = (await import(join(dir, 'plain.mjs'))) as { closed: number };
    expect(module.closed).toBe(1);
    expect(await create({ path: 'plain.mjs', export: 'failing' }, dir).check(signal)).toEqual({
      ok: false,
      detail: 'replica lag 12s',
      value: 12,
    });
  });

  it('reports a wrong result as a failed sample, and bad modules as clear errors', async () => {
    const dir = moduleDir({
      'odd.mjs': 'export default { check: () => "yes" };',
      'none.mjs': 'export const other = 1;',
      'broken.mjs': 'export default {',
    });
    expect(await create({ path: 'odd.mjs' }, dir).check(signal)).toEqual({
      ok: false,
      detail: 'probe mine: check returned "yes", expected true/false or { ok }',
    });
    expect(() => create({ path: 'missing.mjs' }, dir)).toThrow(/probe mine: module missing.mjs not found/);
    await expect(create({ path: 'none.mjs' }, dir).ready?.(signal)).rejects.toThrow(
      'probe mine: the module has no export "default"',
    );
    await expect(create({ path: 'broken.mjs' }, dir).ready?.(signal)).rejects.toThrow(
      /could not load .*broken.mjs/,
    );
  });
});
