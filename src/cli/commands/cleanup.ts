import type { Command } from 'commander';
import { cleanupLeftovers } from '../../engine/cleanup.js';
import { defaultStateRoot } from '../../engine/state-file.js';
import { ExitCode } from '../exit-codes.js';
import { terminalText } from '../../reporters/terminal-text.js';

export function registerCleanup(program: Command): void {
  program
    .command('cleanup')
    .description(
      'revert what crashed runs left behind: replay pending undos (resume paused nodes, remove toxics,\n' +
        'delete fill files, remove partition rules from pods...), end their processes, remove containers\n' +
        'and networks labelled firedrill.run, and delete Kubernetes namespaces and objects labelled\n' +
        'firedrill.run (in the current kubeconfig context and any cluster a run recorded)',
    )
    .option('--force', 'also clean up runs whose firedrill process still seems alive', false)
    .action(async (options: { force: boolean }) => {
      const lines = await cleanupLeftovers(defaultStateRoot, { force: options.force });
      if (lines.length === 0) console.log('nothing to clean up');
      for (const line of lines)
        console.log(terminalText(`${line.ok ? 'ok  ' : 'FAIL'}  run ${line.runId}: ${line.text}`));
      if (lines.some((l) => l.text.startsWith('state refused')))
        console.error(
          `hint: cleanup runs only state firedrill wrote for you on this host (${defaultStateRoot}); ` +
            'read a refused file, undo by hand what it lists, then delete its directory',
        );
      process.exitCode = lines.every((l) => l.ok) ? ExitCode.passed : ExitCode.aborted;
    });
}
