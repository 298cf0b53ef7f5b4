import { execProbe } from './exec.js';
import { httpProbe } from './http.js';
import { kubernetesProbe } from './kubernetes.js';
import { logProbe } from './log.js';
import { moduleProbe } from './module.js';
import type { ProbeFactory } from './probe.js';
import { tcpProbe } from './tcp.js';

/** Every probe type firedrill knows, by its `type` in a scenario. */
export const probes = {
  http: httpProbe,
  tcp: tcpProbe,
  exec: execProbe,
  log: logProbe,
  module: moduleProbe,
  kubernetes: kubernetesProbe,
} satisfies Record<string, ProbeFactory>;

export type ProbeType = keyof typeof probes;
