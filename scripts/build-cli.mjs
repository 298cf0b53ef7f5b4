// `npm run build`, after tsc: bundles the CLI that bin/firedrill.js runs into dist/bundle/.
// Why: Node 20 spends most of `validate`'s and `--help`'s time resolving, reading and compiling
// ~200 small ES modules (zod alone is 95) and CommonJS files (yaml, commander); from the bundle,
// validate loads ~60 chunks (about 1 MB) and takes ~25% less CPU. Code splitting keeps every
// dynamic import() a separate chunk, so commands and plugins still load only when they run
// (src/common/load-on-demand.ts). tsc's dist/ stays as it was (the type check, and what scripts
// and tests that import dist/ use).
// `node scripts/build-cli.mjs [dir]` writes the bundle to dir instead (src/cli/bundle.test.ts).
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const repo = resolve(import.meta.dirname, '..');
const outdir = resolve(process.argv[2] ?? join(repo, 'dist/bundle'));

/**
 * The packages the startup path needs, bundled. Every other package stays an import from
 * node_modules: the Docker, Kubernetes and Redis clients load only for the drills that use them
 * (and bundling them would copy native add-ons and worker files they find by path), pino finds
 * its transports by path, tsx is an optional peer for TypeScript probe modules.
 */
const BUNDLED = new Set(['zod', 'yaml', 'commander', 'fastest-levenshtein']);

function externalPackages() {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  return names.filter((name) => !BUNDLED.has(name)).flatMap((name) => [name, `${name}/*`]);
}

/**
 * zod's `z` and `z.core` namespaces re-export every locale, 366 KB of its 755 KB, though
 * firedrill's messages use only English (zod's default, which its schemas import themselves):
 * compiling the rest cost `validate` ~20 ms. The bundle's `z.locales` holds English only. The
 * build fails if zod's layout changes under this plugin, rather than quietly shipping them again.
 */
function zodEnglishOnly() {
  const state = { trimmed: false };
  const plugin = {
    name: 'zod-english-only',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) => {
        if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/]/.test(importer)) return undefined;
        state.trimmed = true;
        return { path: join(dirname(importer), '../locales/index.js'), namespace: plugin.name };
      });
      bundler.onLoad({ filter: /.*/, namespace: plugin.name }, ({ path }) => ({
        contents: "export { default as en } from './en.js';",
        resolveDir: dirname(path),
        loader: 'js',
      }));
    },
  };
  return { plugin, state };
}

const englishOnly = zodEnglishOnly();
await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: repo,
  entryPoints: { firedrill: 'src/cli/main.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: externalPackages(),
  // yaml and commander are CommonJS: their require('events') etc. need a require in ES modules.
  banner: {
    js: "import { createRequire as __firedrillRequire } from 'node:module'; const require = __firedrillRequire(import.meta.url);",
  },
  plugins: [englishOnly.plugin],
  sourcemap: true,
  logLevel: 'warning',
});
if (!englishOnly.state.trimmed)
  throw new Error(
    'zod-english-only: the zod modules no longer import ../locales/index.js; update the plugin',
  );
