import { connect } from 'node:net';
import { z } from 'zod';
import { deadline } from './deadline.js';
import { defineProbe, probeBase, type ProbeOutcome } from './probe.js';
import { failureDetail, portNumber, templatedPort } from './probe-fields.js';

const schema = probeBase.extend({
  type: z.literal('tcp'),
  host: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .meta({ description: 'Host to connect to (default 127.0.0.1).' }),
  port: templatedPort.meta({ description: 'Port, e.g. ${nodes.db.port.pg}.' }),
});

/**
 * `tcp`: passes when a connection is accepted. Note that the kernel accepts connections for a
 * paused (SIGSTOPped) server too: use an `http` or `exec` probe to see that it answers.
 * Value: connect latency in ms.
 */
export const tcpProbe = defineProbe({
  schema,
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
