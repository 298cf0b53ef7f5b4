import { Command, CommanderError } from 'commander';
import { FiredrillError, errorMessage } from '../common/errors.js';
import { ExitCode, exitCodeForError } from './exit-codes.js';
import { commands, namedCommand } from './commands/index.js';
import { terminalLines } from '../reporters/terminal-text.js';

/** Runs the CLI and returns the exit code; the only place errors become messages. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  ignoreClosedOutput();
  const program = new Command('firedrill')
    .description(
      'Recovery drills for real systems: inject faults, measure time to detect, time to recover ' +
        'and lost writes against RTO/RPO objectives, and pass or fail.',
    )
    .option('--debug', 'show stack traces and debug logs')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  try {
    await registerCommands(program, argv.slice(2));
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.passed;
  } catch (error) {
    return reportError(error, debug);
  }
}

/**
 * Loads only the command that runs. Without one (`--help`, a typo), every command is listed by its
 * summary, so the listing and commander's "did you mean" need no command's module.
 */
async function registerCommands(program: Command, args: readonly string[]): Promise<void> {
  const name = namedCommand(args);
  if (name !== undefined) return (await commands[name].load())(program);
  for (const [other, entry] of Object.entries(commands)) program.command(other).summary(entry.summary);
  program.addHelpText('after', '\nRun `firedrill <command> --help` for its arguments and options.');
}

/**
 * A reader that went away (`firedrill run ... | head`) must not end a drill midway with its faults
 * still in place: output to a closed pipe is dropped, the run goes on and reverts as usual.
 */
function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr])
    if (stream.listenerCount('error') === 0)
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help text) already.
    return error.exitCode === 0 ? ExitCode.passed : ExitCode.invalid;
  }
  if (error instanceof FiredrillError) {
    // Messages quote the system under test (a probe's detail, a command's output): printed neutralised.
    console.error(`firedrill: ${terminalLines(error.message)}`);
    if (error.hint) console.error(`hint: ${terminalLines(error.hint)}`);
    if (debug) console.error(error.stack);
    return exitCodeForError[error.code];
  }
  console.error(`firedrill: internal error: ${terminalLines(errorMessage(error))}`);
  console.error(debug ? (error as Error)?.stack : 'run again with --debug for the stack trace');
  return ExitCode.aborted;
}
