// `npm run demo` (and anything else that only needs a current dist/): runs `npm run build` unless
// dist/ (tsc's output and the CLI bundle of scripts/build-cli.mjs) is newer than every source file,
// tsconfig and build script. tsc takes ~20 s and ~400 MB here; a stale check takes milliseconds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const STAMP = join(repo, 'dist/cli/main.js');
/** What bin/firedrill.js imports. */
const BUNDLE = join(repo, 'dist/bundle/firedrill.js');
// package-lock.json changes with every dependency (which decides what the bundle leaves external).
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build-cli.mjs'].map(
  (f) => join(repo, f),
);

function sourcesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Why dist/ must be rebuilt, or undefined when it is current. */
function staleReason() {
  if (!existsSync(STAMP)) return 'dist/ is missing';
  if (!existsSync(BUNDLE)) return 'the CLI bundle (dist/bundle/) is missing';
  const sources = sourcesUnder(join(repo, 'src'));
  // The oldest output file bounds dist/: a source newer than it may not be compiled yet.
  const outputs = readdirSync(join(repo, 'dist'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newer = [...sources, ...CONFIGS].find((file) => existsSync(file) && statSync(file).mtimeMs > built);
  if (newer) return `${relative(repo, newer)} changed since the build`;
  const compiled = new Set(outputs.map((file) => relative(join(repo, 'dist'), file).replace(/\.js$/, '')));
  const missing = sources.find(
    (file) => !compiled.has(relative(join(repo, 'src'), file).replace(/\.ts$/, '')),
  );
  if (missing) return `${relative(repo, missing)} has no build output`;
  return undefined;
}

const reason = staleReason();
if (reason === undefined) {
  console.error('dist/ is current: skipping the build');
} else {
  console.error(`building: ${reason}`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
