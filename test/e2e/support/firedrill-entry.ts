// The CLI from source (what bin/firedrill.js runs from dist/), so CLI tests need no build.
import { main } from '../../../src/cli/main.js';

process.exitCode = await main(process.argv);
