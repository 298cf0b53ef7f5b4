import { z } from 'zod';
import { faultBase } from '../../injectors/injector.js';
import { probeBase } from '../../probes/probe.js';
import type { ScenarioRegistries } from '../drill-schema.js';

/**
 * Small stand-ins for the real registries, shaped like them (a literal `type`, the shared bases),
 * so the loader's tests do not depend on which plugins exist.
 */
const node = z.strictObject({
  command: z.array(z.string()).min(1),
  ports: z.record(z.string(), z.int()).optional(),
});

export const testRegistries = {
  targets: {
    process: { schema: z.strictObject({ type: z.literal('process'), nodes: z.record(z.string(), node) }) },
  },
  injectors: {
    kill: { schema: faultBase.extend({ type: z.literal('kill'), node: z.string() }) },
    pause: { schema: faultBase.extend({ type: z.literal('pause'), node: z.string() }) },
    restart: { schema: faultBase.extend({ type: z.literal('restart'), nodes: z.array(z.string()).min(1) }) },
  },
  probes: {
    http: {
      schema: probeBase.extend({ type: z.literal('http'), url: z.string(), status: z.int().default(200) }),
    },
    exec: {
      schema: probeBase.extend({
        type: z.literal('exec'),
        command: z.array(z.string()),
        node: z.string().optional(),
      }),
    },
  },
} satisfies ScenarioRegistries;
