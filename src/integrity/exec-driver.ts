import { scriptIndex, spliceQuoted } from '../common/shell-quote.js';
import { describeCommandFailure } from '../common/exec-error.js';
import { runCommand } from '../targets/process/run-command.js';
import type { ExecResult } from '../targets/target.js';
import { execLedgerSchema } from './exec-driver-schema.js';
import { defineLedgerDriver, fillWrite, type LedgerDriver } from './ledger-driver.js';

/** `exec`: a command per write (e.g. `psql -c "insert ... ${id}"`), and one that lists what is there. */
export const execLedgerDriver = defineLedgerDriver({
  schema: execLedgerSchema,
  create(config, { target, baseDir }): LedgerDriver {
    const node = config.node === undefined ? undefined : target.node(config.node);
    const argv = (cmd: string | string[], id?: string): string[] => {
      if (id === undefined) return typeof cmd === 'string' ? ['/bin/sh', '-c', cmd] : cmd;
      if (typeof cmd === 'string') return ['/bin/sh', '-c', fillScript(cmd, id)];
      const index = scriptIndex(cmd);
      return cmd.map((arg, i) => (i === index ? fillScript(arg, id) : fillWrite(arg, id, id)));
    };
    const run = (args: string[], signal: AbortSignal): Promise<ExecResult> =>
      node ? node.exec(args, { signal }) : runCommand(args, { cwd: baseDir, signal });
    return {
      async write(id, signal) {
        const result = await run(argv(config.write, id), signal);
        if (result.exitCode !== 0) throw new Error(describeCommandFailure(result));
      },
      async present(_ids, signal) {
        const result = await run(argv(config.read), signal);
        if (result.exitCode !== 0) throw new Error(`read command ${describeCommandFailure(result)}`);
        return result.stdout.split(/\s+/).filter(Boolean);
      },
    };
  },
});

/** `${id}` and `${seq}` in a shell script: quoted as one word where they land. */
function fillScript(script: string, id: string): string {
  return spliceQuoted(script, /\$\{\s*(?:id|seq)\s*\}/g, () => id);
}
