import { connect } from 'node:net';
import { deadline } from './deadline.js';
import { defineProbe, type ProbeOutcome } from './probe.js';
import { tcpProbeSchema } from './tcp-schema.js';
import { failureDetail, portNumber } from './probe-fields.js';

/**
 * `tcp`: passes when a connection is accepted. Note that the kernel accepts connections for a
 * paused (SIGSTOPped) server too: use an `http` or `exec` probe to see that it answers.
 * Value: connect latency in ms.
 */
export const tcpProbe = defineProbe({
  schema: tcpProbeSchema,
  create(config, { clock }) {
    const port = portNumber(config.port, `probe ${config.name}: port`);
    return {
      async check(signal): Promise<ProbeOutcome> {
        const bound = deadline(clock, config.timeout, signal);
        const startedAt = clock.now();
        try {
          await connectOnce(config.host, port, bound.signal);
          return { ok: true, detail: 'connected', value: clock.now() - startedAt };
        } catch (error) {
          return {
            ok: false,
            detail: bound.timedOut() ? `timeout after ${config.timeout}ms` : failureDetail(error),
          };
        } finally {
          bound.dispose();
        }
      },
    };
  },
});

function connectOnce(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, signal });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}
