import { z } from 'zod';
import { defineProbe, probeBase, type ProbeOutcome } from './probe.js';
import { regex } from './probe-fields.js';

const schema = probeBase.extend({
  type: z.literal('log'),
  node: z.string().min(1).meta({ description: 'The node whose output (stdout and stderr) to follow.' }),
  pattern: regex.meta({ description: 'A regular expression a line must match, e.g. "\\\\+odown master".' }),
  on_match: z.enum(['pass', 'fail']).default('pass').meta({
    description:
      'What a matching line means: pass (a detection signal, the default) or fail (an error line, e.g. for an abort probe).',
  }),
});

const SHOWN = 160;

/**
 * `log`: follows a node's output as it is written (streamed through `onOutput`, never polled) and
 * turns it into samples on the probe's grid. A sample covers the lines that arrived since the
 * previous sample: with `on_match: pass` it passes when one of them matched, and it is dated at
 * the first matching line's arrival (`ProbeOutcome.at`), not at the tick that picked it up, so a
 * detection is timed at the line, whatever the interval. Value: matching lines in the window.
 */
export const logProbe = defineProbe({
  schema,
  create(config, { target }) {
    const node = target.node(config.node);
    const pattern = new RegExp(config.pattern);
    let first: { line: string; at: number } | undefined;
    let matches = 0;
    const unsubscribe = node.onOutput((line, at) => {
      if (!pattern.test(line)) return;
      matches += 1;
      first ??= { line, at };
    });
    return {
      async check(): Promise<ProbeOutcome> {
        const [hit, count] = [first, matches];
        [first, matches] = [undefined, 0];
        if (!hit) {
          const detail = `no line matching /${pattern.source}/ from ${node.name} since the last sample`;
          return { ok: config.on_match === 'fail', detail, value: 0 };
        }
        const more = count > 1 ? ` (+${count - 1} more)` : '';
        const detail = `${node.name}: ${hit.line.slice(0, SHOWN)}${more}`;
        return { ok: config.on_match === 'pass', detail, value: count, at: hit.at };
      },
      async close() {
        unsubscribe();
      },
    };
  },
});
