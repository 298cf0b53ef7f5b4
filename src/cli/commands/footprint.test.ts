import { describe, expect, it } from 'vitest';
import { loadedFrom, modulesLoadedBy } from '../../../test/fixtures/module-trace/module-list.js';

/**
 * What only some drills need loads on demand (issue 11, item 10): these tests list the modules a
 * fresh process loads and fail when a new static import drags a heavy one back in.
 */
const dockerStack = [
  'dockerode',
  'testcontainers',
  'toxiproxy-node-client',
  'ioredis',
  'node-cron',
  '@kubernetes/client-node',
];
const drillOnly = [
  'src/load/k6-runner.ts',
  'src/reporters/html.ts',
  'src/targets/process/process-target.ts',
  'src/injectors/kill.ts',
  'src/probes/http.ts',
  'src/integrity/http-driver.ts',
];

describe('firedrill validate', () => {
  it('loads schemas, not the drivers, faults, probes, load or reporters a run needs', async () => {
    const modules = await modulesLoadedBy(`
      const { main } = await import(repo + '/src/cli/main.ts');
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = () => true;
      const code = await main(['node', 'firedrill', 'validate', repo + '/scenarios/quickstart.yaml']);
      process.stdout.write = write;
      if (code !== 0) throw new Error('validate exited ' + code);
    `);
    // The trace sees what validate does load, so an empty list below means something.
    expect(modules).toContain('src/scenario/kinds.ts');
    expect(modules).toContain('src/injectors/node-fault-schema.ts');
    expect(loadedFrom(modules, 'zod').length).toBeGreaterThan(0);
    for (const heavy of dockerStack) expect(loadedFrom(modules, heavy), heavy).toEqual([]);
    for (const file of drillOnly) expect(modules, file).not.toContain(file);
  }, 120_000);
});

describe('a process drill', () => {
  it('loads its own plugins for a run, and nothing of Docker, Toxiproxy or Redis', async () => {
    const modules = await modulesLoadedBy(`
      await import(repo + '/src/cli/commands/run.ts');
      const { createReporters, defaultReporters } = await import(repo + '/src/reporters/registry.ts');
      await createReporters(defaultReporters);
      const { loadScenario } = await import(repo + '/src/scenario/load.ts');
      const { loadDrillPlugins } = await import(repo + '/src/engine/drill-plugins.ts');
      await loadDrillPlugins((await loadScenario(repo + '/scenarios/quickstart.yaml')).drill);
    `);
    expect(modules).toContain('src/targets/process/process-target.ts');
    expect(modules).toContain('src/injectors/kill.ts');
    expect(modules).toContain('src/probes/log.ts');
    expect(modules).not.toContain('src/injectors/partition.ts');
    expect(modules).not.toContain('src/probes/tcp.ts');
    // Imported when used: the load generator at the load's start, the HTML renderer at the end.
    expect(modules).not.toContain('src/load/k6-runner.ts');
    expect(modules).not.toContain('src/reporters/html/render-report.ts');
    for (const heavy of dockerStack) expect(loadedFrom(modules, heavy), heavy).toEqual([]);
  }, 120_000);
});
