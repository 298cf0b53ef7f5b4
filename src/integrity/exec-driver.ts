import { z } from 'zod';
import { scriptIndex, spliceQuoted } from '../common/shell-quote.js';
import { describeCommandFailure } from '../common/exec-error.js';
import { runCommand } from '../targets/process/run-command.js';
import type { ExecResult } from '../targets/target.js';
import { ledgerBase } from './ledger-base.js';
import { defineLedgerDriver, fillWrite, mentionsId, type LedgerDriver } from './ledger-driver.js';

const command = z
  .union([z.string().min(1), z.array(z.string()).min(1)])
  .meta({ description: 'A string runs through /bin/sh -c; a list is the program and its arguments.' });

const schema = ledgerBase
  .extend({
    driver: z.literal('exec'),
    node: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Run in this node's environment; default: on the host." }),
    write: command.meta({
      description: 'Writes one record; ${id} and ${seq} are filled in. Exit 0 = acknowledged.',
    }),
    read: command.meta({ description: 'Prints the ids present (whitespace or one per line); must exit 0.' }),
  })
  .superRefine((config, ctx) => {
    const text = typeof config.write === 'string' ? config.write : config.write.join(' ');
    if (!mentionsId(text))
      ctx.addIssue({
        code: 'custom',
        path: ['write'],
        message: 'the write command must carry its id: use ${id}',
      });
  });

/** `exec`: a command per write (e.g. `psql -c "insert ... ${id}"`), and one that lists what is there. */
export const execLedgerDriver = defineLedgerDriver({
  schema,
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
