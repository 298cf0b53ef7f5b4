import type { Command } from 'commander';
import { formatProblem } from '../../common/errors.js';
import { validateFile } from '../../scenario/kinds.js';
import { ExitCode } from '../exit-codes.js';
import { parseEachSchemaOnce } from './parse-once.js';

export function registerValidate(program: Command): void {
  parseEachSchemaOnce();
  program
    .command('validate')
    .description(
      'check drill, objectives and schedule files without running anything (exit 2 when any is invalid)',
    )
    .argument('<file...>', 'YAML files of any firedrill kind (Drill, Objectives)')
    .action(async (files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        const problems = await validateFile(file);
        if (problems.length === 0) {
          console.log(`ok  ${file}`);
          continue;
        }
        invalid += 1;
        const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
        console.error(`FAIL  ${file}: ${count}\n${problems.map(formatProblem).join('\n')}\n`);
      }
      if (files.length > 1 && invalid > 0) console.error(`${invalid} of ${files.length} files are invalid`);
      if (invalid > 0) process.exitCode = ExitCode.invalid;
    });
}
