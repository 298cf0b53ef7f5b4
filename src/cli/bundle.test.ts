import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modulesLoadedBy } from '../../test/fixtures/module-trace/module-list.js';

/**
 * bin/firedrill.js runs the CLI as scripts/build-cli.mjs bundles it (issue 11, item 10): these
 * tests build that bundle afresh and check that it behaves as the sources do and still loads what
 * a command does not need only on demand.
 */
const repo = resolve(import.meta.dirname, '../..');
let bundle: string;

beforeAll(async () => {
  // Inside the repository, as dist/bundle is: the packages it leaves out resolve from node_modules.
  await mkdir(join(repo, 'node_modules/.cache'), { recursive: true });
  bundle = await mkdtemp(join(repo, 'node_modules/.cache/firedrill-bundle-test-'));
  await promisify(execFile)(process.execPath, ['scripts/build-cli.mjs', bundle], { cwd: repo });
  await writeFile(
    join(bundle, 'entry.mjs'),
    "import { main } from './firedrill.js';\nprocess.exitCode = await main(process.argv);\n",
  );
}, 120_000);

afterAll(() => rm(bundle, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function firedrill(entry: 'bundle' | 'sources', args: readonly string[]): Promise<Outcome> {
  const start =
    entry === 'bundle'
      ? [join(bundle, 'entry.mjs')]
      : ['--import', 'tsx', 'test/e2e/support/firedrill-entry.ts'];
  return new Promise((done, fail) => {
    execFile(process.execPath, [...start, ...args], { cwd: repo }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') fail(error);
      else done({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

describe('the CLI bundle', () => {
  it.each([
    ['--help'],
    ['validate', '--help'],
    ['validate', 'scenarios/quickstart.yaml', 'scenarios/objectives.yaml', 'scenarios/schedule.yaml'],
    ['validate', 'test/fixtures/invalid/bad-duration.yaml', 'test/fixtures/invalid/alias-bomb.yaml'],
    ['valdate', 'scenarios/quickstart.yaml'],
    ['plan', 'scenarios/quickstart.yaml'],
  ])(
    'answers `firedrill %s` as the sources do',
    async (...args) => {
      const [fromBundle, fromSources] = await Promise.all([
        firedrill('bundle', args),
        firedrill('sources', args),
      ]);
      expect(fromBundle).toEqual(fromSources);
      // The pairs cover success, usage and invalid files: not every case is the same outcome.
      expect(fromBundle.stdout + fromBundle.stderr).not.toBe('');
    },
    60_000,
  );

  it('validates from its own chunks: no module from node_modules or dist/, no chunk a run needs', async () => {
    const modules = await modulesLoadedBy(`
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = () => true;
      const { main } = await import(${JSON.stringify(join(bundle, 'firedrill.js'))});
      const code = await main(['node', 'firedrill', 'validate', repo + '/scenarios/quickstart.yaml']);
      process.stdout.write = write;
      if (code !== 0) throw new Error('validate exited ' + code);
    `);
    const own = relative(repo, bundle);
    // tsx (with the esbuild it requires) is how the trace runs, not what validate loads.
    const tracer = /^node_modules\/(tsx|esbuild)\//;
    const outside = modules.filter((file) => !file.startsWith(`${own}/`) && !tracer.test(file));
    expect(outside).toEqual([]);
    const chunks = modules.filter((file) => file.startsWith(`${own}/`)).map((file) => relative(own, file));
    expect(chunks).toContain('firedrill.js');
    expect(chunks.some((file) => /^chunks\/validate-\w+\.js$/.test(file))).toBe(true);
    const drillOnly =
      /^chunks\/(run|process-target|docker-target|kill|http|k6-runner|render-report)-\w+\.js$/;
    expect(chunks.filter((file) => drillOnly.test(file))).toEqual([]);
    // They are chunks of their own (code splitting), so the line above has something to miss.
    const built = (await readdir(join(bundle, 'chunks'))).map((file) => `chunks/${file}`);
    expect(new Set(built.filter((file) => drillOnly.test(file)).map(chunkKind))).toEqual(
      new Set(['run', 'process-target', 'docker-target', 'kill', 'http', 'k6-runner', 'render-report']),
    );
  }, 120_000);
});

/** `chunks/process-target-TQ7YTERZ.js` → `process-target`. */
function chunkKind(file: string): string {
  return file.replace(/^chunks\//, '').replace(/-\w+\.js$/, '');
}
