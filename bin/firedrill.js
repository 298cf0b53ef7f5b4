#!/usr/bin/env node
// The CLI as `npm run build` bundles it (scripts/build-cli.mjs): a few chunks start faster than
// tsc's hundreds of modules. --debug prints stack traces: they name the sources, through the
// bundle's source maps (enabled before the bundle loads, so that its chunks are mapped).
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/bundle/firedrill.js');

process.exitCode = await main(process.argv);
