import type { z } from 'zod';
import { lazyPlugin, type LazyPlugin } from '../common/load-on-demand.js';
import { execProbeSchema } from './exec-schema.js';
import { httpProbeSchema } from './http-schema.js';
import { kubernetesProbeSchema } from './kubernetes-schema.js';
import { logProbeSchema } from './log-schema.js';
import { moduleProbeSchema } from './module-schema.js';
import type { ProbeFactory } from './probe.js';
import { tcpProbeSchema } from './tcp-schema.js';

/**
 * Every probe type firedrill knows, by its `type` in a scenario: its schema, and the import of
 * what it does (loaded when a drill samples it). A new probe is one line here, its schema file
 * and its probe file.
 */
export const probes = {
  http: lazyPlugin(httpProbeSchema, async () => (await import('./http.js')).httpProbe),
  tcp: lazyPlugin(tcpProbeSchema, async () => (await import('./tcp.js')).tcpProbe),
  exec: lazyPlugin(execProbeSchema, async () => (await import('./exec.js')).execProbe),
  log: lazyPlugin(logProbeSchema, async () => (await import('./log.js')).logProbe),
  module: lazyPlugin(moduleProbeSchema, async () => (await import('./module.js')).moduleProbe),
  kubernetes: lazyPlugin(
    kubernetesProbeSchema,
    async () => (await import('./kubernetes.js')).kubernetesProbe,
  ),
} satisfies Record<string, LazyPlugin<z.ZodType, ProbeFactory>>;

export type ProbeType = keyof typeof probes;
