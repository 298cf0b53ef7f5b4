/** What `firedrill plan` says about a kubernetes target beyond its nodes: where it acts, and what it makes. */
export function kubernetesPlanLines(target: {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  manifests?: ReadonlyArray<string | { kind?: unknown; metadata?: { name?: unknown } }>;
}): string[] {
  const kubeconfig = target.kubeconfig ?? '$KUBECONFIG, else ~/.kube/config';
  const context = target.context === undefined ? 'its current context' : `context ${target.context}`;
  const lines = [
    `  cluster: ${kubeconfig}, ${context}`,
    target.namespace === undefined
      ? '  namespace: firedrill-<run id>, made for the run and deleted after it'
      : `  namespace: ${target.namespace} (used as it is, not deleted)`,
  ];
  const manifests = (target.manifests ?? []).map((entry) =>
    typeof entry === 'string' ? entry : `${String(entry.kind)} ${String(entry.metadata?.name)} (inline)`,
  );
  if (manifests.length > 0)
    lines.push(`  manifests (created at start, deleted at the end): ${manifests.join(', ')}`);
  return lines;
}
