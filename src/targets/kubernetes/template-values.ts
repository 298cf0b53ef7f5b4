import type { TemplateValues } from '../target.js';

/** What a pod node offers templates. */
export interface TemplatedPod {
  readonly name: string;
  /** Container port → local port of its port-forward. */
  readonly ports: Readonly<Record<number, number>>;
  /** The pod's IP in the cluster, once it has one. */
  readonly ip: string | undefined;
}

/**
 * `${nodes.<n>.host}` = 127.0.0.1 and `${nodes.<n>.port.<p>}` = the local end of the port-forward,
 * for the host side (probes, load, ledger reach pods as a user reaches a remote cluster);
 * `${nodes.<n>.ip}` = the pod's IP, for configuration read inside the cluster.
 */
export function podTemplateValues(nodes: readonly TemplatedPod[]): TemplateValues {
  const values: TemplateValues = {};
  for (const node of nodes) {
    values[`nodes.${node.name}.host`] = '127.0.0.1';
    if (node.ip) values[`nodes.${node.name}.ip`] = node.ip;
    for (const [port, local] of Object.entries(node.ports))
      values[`nodes.${node.name}.port.${port}`] = String(local);
  }
  return values;
}
