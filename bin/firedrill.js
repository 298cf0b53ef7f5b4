#!/usr/bin/env node
// The CLI as `npm run build` bundles it (scripts/build-cli.mjs): a few chunks start faster than
// tsc's hundreds of modules.
import { main } from '../dist/bundle/firedrill.js';

process.exitCode = await main(process.argv);
