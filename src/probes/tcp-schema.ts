import { z } from 'zod';
import { probeBase } from './probe.js';
import { templatedPort } from './probe-fields.js';

/** The `tcp` probe's fields (tcp.ts holds what it does). */
export const tcpProbeSchema = probeBase.extend({
  type: z.literal('tcp'),
  host: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .meta({ description: 'Host to connect to (default 127.0.0.1).' }),
  port: templatedPort.meta({ description: 'Port, e.g. ${nodes.db.port.pg}.' }),
});
