import { defineProbe, type ProbeOutcome } from './probe.js';
import { logProbeSchema } from './log-schema.js';

const SHOWN = 160;

/**
 * `log`: follows a node's output as it is written (streamed through `onOutput`, never polled) and
 * turns it into samples on the probe's grid. A sample covers the lines that arrived since the
 * previous sample: with `on_match: pass` it passes when one of them matched, and it is dated at
 * the first matching line's arrival (`ProbeOutcome.at`), not at the tick that picked it up, so a
 * detection is timed at the line, whatever the interval. Value: matching lines in the window.
 */
export const logProbe = defineProbe({
  schema: logProbeSchema,
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
